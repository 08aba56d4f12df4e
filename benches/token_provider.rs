//! `TokenProvider::get` on a warm cache, from one task and from 64
//! contending tasks, beside one real token fetch from a local server, in
//! the same run. Reproduce with `cargo bench --bench token_provider`.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use kontur_extern::{Client, Endpoint, ReplayServer, RetryPolicy, TokenProvider};

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::PasswordToken;

const CONTENDING_TASKS: usize = 64;

fn token_provider(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (server, client) = runtime.block_on(async {
        let server = ReplayServer::start::<PasswordToken>()
            .await
            .expect("replay server");
        let client = Client::new(server.base_url())
            .expect("client")
            .with_retry_policy(RetryPolicy::never());
        (server, client)
    });
    let request = PasswordToken::examples().remove(0).request;
    let provider = TokenProvider::new::<PasswordToken>(client.clone(), request.clone());
    runtime.block_on(provider.get()).expect("warm the cache");

    let mut group = c.benchmark_group("token");
    group.bench_function("get, warm cache, 1 task", |b| {
        b.to_async(&runtime)
            .iter(|| async { provider.get().await.expect("token") });
    });
    let shared = Arc::new(provider);
    group.bench_function("get, warm cache, 64 tasks at once (per get)", |b| {
        b.to_async(&runtime).iter_custom(|iterations| {
            let provider = Arc::clone(&shared);
            async move {
                let per_task = iterations.div_ceil(CONTENDING_TASKS as u64);
                let started = std::time::Instant::now();
                let tasks: Vec<_> = (0..CONTENDING_TASKS)
                    .map(|_| {
                        let provider = Arc::clone(&provider);
                        tokio::spawn(async move {
                            for _ in 0..per_task {
                                provider.get().await.expect("token");
                            }
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await.expect("no panic");
                }
                // Time per get, so the figure compares with the one-task case.
                started
                    .elapsed()
                    .mul_f64(iterations as f64 / (per_task * CONTENDING_TASKS as u64) as f64)
            }
        });
    });
    group.bench_function("fetch from a local server", |b| {
        b.to_async(&runtime)
            .iter(|| async { client.send::<PasswordToken>(&request).await.expect("token") });
    });
    group.finish();
    runtime.block_on(server.stop());
}

criterion_group!(benches, token_provider);
criterion_main!(benches);
