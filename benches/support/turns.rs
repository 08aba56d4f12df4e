//! Clients that take turns against one local server, each call timed alone:
//! the harness of `peer.rs` and `api_call.rs` (each includes this file).
//!
//! `--bench` (as `cargo bench` passes it) makes `runs` runs of `calls` calls
//! per client; without it (as `cargo test --benches` runs a bench) a few
//! calls of each, to check that they all succeed. `--calls N --runs R
//! --batch B` change the counts; `--only N` times client N alone, for a
//! profiler; `--setup thread` or `--setup shared` measures one setup of the
//! two (see [`Setup`]). After the timed runs, each client's allocations per
//! call are counted (a counting global allocator, this thread only).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

/// Calls each client makes in a row before the next one takes its turn.
const DEFAULT_BATCH: usize = 10;

/// The clients being compared.
pub trait Clients {
    /// Their names, in the order `call` numbers them.
    const NAMES: &'static [&'static str];

    /// One call by client `which`, checked (a wrong answer panics).
    fn call(&mut self, which: usize) -> impl Future<Output = ()>;
}

/// Where the server runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// On a thread of its own with its own current-thread runtime, as a
    /// separate server process would; the clients on the main thread's.
    Thread,
    /// On the clients' current-thread runtime, served while they wait: one
    /// thread does all the work.
    Shared,
}

impl fmt::Display for Setup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Setup::Thread => "server on its own thread and runtime",
            Setup::Shared => "server and clients on one current-thread runtime",
        })
    }
}

/// The counts from the command line.
pub struct Settings {
    pub calls: usize,
    pub runs: usize,
    pub batch: usize,
    pub only: Option<usize>,
    /// The setups to measure, in turn.
    pub setups: Vec<Setup>,
    /// Calls per client whose allocations are counted.
    pub counted: usize,
}

impl Settings {
    pub fn from_args() -> Settings {
        let mut benching = false;
        let mut settings = Settings {
            calls: 2_000,
            runs: 3,
            batch: DEFAULT_BATCH,
            only: None,
            setups: vec![Setup::Thread, Setup::Shared],
            counted: 500,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut number = |what: &str| {
                args.next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{arg} {what}"))
            };
            match arg.as_str() {
                "--bench" => benching = true,
                "--calls" => settings.calls = number("N"),
                "--runs" => settings.runs = number("R"),
                "--batch" => settings.batch = number("B"),
                "--only" => settings.only = Some(number("N")),
                "--setup" => {
                    settings.setups = match args.next().as_deref() {
                        Some("thread") => vec![Setup::Thread],
                        Some("shared") => vec![Setup::Shared],
                        _ => panic!("--setup thread|shared"),
                    }
                }
                _ => {}
            }
        }
        if !benching {
            settings.calls = 2 * settings.batch;
            settings.runs = 1;
            settings.counted = 10;
        }
        settings
    }
}

/// Warms every client up, then times `settings.runs` runs in rounds, a
/// different client first in each round; prints each run's medians and,
/// after several runs, all of them, with the `ratios` (`(a, b)`: client a's
/// median over client b's).
pub async fn run<C: Clients>(clients: &mut C, settings: &Settings, ratios: &[(usize, usize)]) {
    let count = C::NAMES.len();
    let batch = settings.batch;
    let rounds = settings.calls.div_ceil(batch);
    // Connections open, caches and allocators warm.
    for round in 0..rounds.min(20) {
        for which in 0..count {
            for _ in 0..batch.min(round + 1) {
                clients.call(which).await;
            }
        }
    }
    println!(
        "{} calls per client per run, {} runs, interleaved in batches of {batch}; median time per call",
        rounds * batch,
        settings.runs
    );
    let mut all: Vec<Vec<Duration>> = vec![Vec::new(); count];
    for run in 1..=settings.runs {
        let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds * batch); count];
        for round in 0..rounds {
            for turn in 0..count {
                let which = (round + turn) % count;
                if settings.only.is_some_and(|only| only != which) {
                    continue;
                }
                for _ in 0..batch {
                    let started = Instant::now();
                    clients.call(which).await;
                    samples[which].push(started.elapsed());
                }
            }
        }
        for (which, samples) in samples.iter().enumerate() {
            all[which].extend_from_slice(samples);
        }
        report::<C>(&format!("run {run}"), &mut samples, ratios);
    }
    if settings.runs > 1 {
        report::<C>("all runs", &mut all, ratios);
    }
    count_allocations(clients, settings, ratios).await;
}

/// Counts each client's allocations over `settings.counted` calls, on this
/// thread (the clients' runtime: with the server on it, its allocations
/// too), and prints them per call.
async fn count_allocations<C: Clients>(
    clients: &mut C,
    settings: &Settings,
    ratios: &[(usize, usize)],
) {
    let calls = settings.counted.max(1);
    let mut counts = Vec::with_capacity(C::NAMES.len());
    for which in 0..C::NAMES.len() {
        if settings.only.is_some_and(|only| only != which) {
            counts.push(Allocations::default());
            continue;
        }
        let counting = Counting::start();
        for _ in 0..calls {
            clients.call(which).await;
        }
        counts.push(counting.stop());
    }
    println!(
        "allocations per call ({calls} calls each, this thread; a realloc counts as one, with its new size):"
    );
    let width = C::NAMES.iter().map(|name| name.len()).max().unwrap_or(0) + 2;
    let per_call = |total: u64| total as f64 / calls as f64;
    for (which, count) in counts.iter().enumerate() {
        println!(
            "  {:<width$} {:>7.1} allocations {:>9.0} bytes",
            C::NAMES[which],
            per_call(count.allocations),
            per_call(count.bytes)
        );
    }
    let shown: Vec<String> = ratios
        .iter()
        .filter(|&&(a, b)| counts[a].allocations > 0 && counts[b].allocations > 0)
        .map(|&(a, b)| {
            format!(
                "{} - {}: {:+.1} allocations, {:+.0} bytes",
                C::NAMES[a],
                C::NAMES[b],
                per_call(counts[a].allocations) - per_call(counts[b].allocations),
                per_call(counts[a].bytes) - per_call(counts[b].bytes)
            )
        })
        .collect();
    println!("  {}", shown.join("; "));
}

// ------------------------------------------------------- counting allocator

/// The system allocator, counting what this thread asks of it while a
/// [`Counting`] is on. Off, it costs one thread-local read per call.
pub struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn counted(size: usize) {
    // No destructors in these (const, `Copy` contents): reading them never
    // allocates; `try_with` for a thread that is being torn down.
    if ON.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        let _ = BYTES.try_with(|bytes| bytes.set(bytes.get() + size as u64));
    }
}

// SAFETY: every call goes to `System` unchanged; the counting only reads
// and writes thread-locals of `Copy` values.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        counted(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        counted(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        counted(new_size);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What one thread asked of the allocator.
#[derive(Clone, Copy, Default)]
pub struct Allocations {
    pub allocations: u64,
    pub bytes: u64,
}

/// Counting on this thread, from `start` to `stop`.
pub struct Counting {
    before: Allocations,
}

impl Counting {
    pub fn start() -> Counting {
        let before = Allocations {
            allocations: ALLOCATIONS.with(Cell::get),
            bytes: BYTES.with(Cell::get),
        };
        ON.with(|on| on.set(true));
        Counting { before }
    }

    pub fn stop(self) -> Allocations {
        ON.with(|on| on.set(false));
        Allocations {
            allocations: ALLOCATIONS.with(Cell::get) - self.before.allocations,
            bytes: BYTES.with(Cell::get) - self.before.bytes,
        }
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

fn report<C: Clients>(title: &str, samples: &mut [Vec<Duration>], ratios: &[(usize, usize)]) {
    let medians: Vec<Duration> = samples.iter_mut().map(|s| median(s)).collect();
    println!("{title}:");
    let width = C::NAMES.iter().map(|name| name.len()).max().unwrap_or(0) + 2;
    for (which, median) in medians.iter().enumerate() {
        println!("  {:<width$} {:>8.1} µs", C::NAMES[which], micros(*median));
    }
    let shown: Vec<String> = ratios
        .iter()
        .map(|&(a, b)| {
            format!(
                "{} / {} {:.3}",
                C::NAMES[a],
                C::NAMES[b],
                micros(medians[a]) / micros(medians[b])
            )
        })
        .collect();
    println!("  {}", shown.join(", "));
}
