//! Clients that take turns against one local server, each call timed alone:
//! the harness of `peer.rs` and `api_call.rs` (each includes this file).
//!
//! `--bench` (as `cargo bench` passes it) makes `runs` runs of `calls` calls
//! per client; without it (as `cargo test --benches` runs a bench) a few
//! calls of each, to check that they all succeed. `--calls N --runs R
//! --batch B` change the counts; `--only N` times client N alone, for a
//! profiler.

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

/// The counts from the command line.
pub struct Settings {
    pub calls: usize,
    pub runs: usize,
    pub batch: usize,
    pub only: Option<usize>,
}

impl Settings {
    pub fn from_args() -> Settings {
        let mut benching = false;
        let mut settings = Settings {
            calls: 2_000,
            runs: 3,
            batch: DEFAULT_BATCH,
            only: None,
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
                _ => {}
            }
        }
        if !benching {
            settings.calls = 2 * settings.batch;
            settings.runs = 1;
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
