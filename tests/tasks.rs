//! Tasks that a spec declares (`task:`): a document print started and
//! awaited with `.wait()` against the replay server, which answers the
//! task `running`, then done, as documented.

use std::time::Duration;

use kontur_extern::{Client, Error, ReplayServer, SecretString, TaskPolicy, Uuid};

kontur_extern::api!("tests/specs/tasks/api.yaml");

use print_types::TaskState;

fn uuid(text: &str) -> Uuid {
    text.parse().expect("a UUID")
}

async fn server() -> ReplayServer {
    ReplayServer::serving()
        .endpoint::<docflow_print::DocflowPrint>()
        .endpoint::<get_docflow_task::GetDocflowTask>()
        .start()
        .await
        .expect("starts")
}

fn print(api: &PrintApi) -> PrintApiDocflowsPrint<'_> {
    api.docflows(uuid("bd0cd3f6-315d-4f03-a9cc-3507f63265ed"))
        .print(
            uuid("a9bc74bd-311b-43f0-aff7-faba24ce35d9"),
            uuid("75d929b9-08a9-4692-961d-111cc87dc2e8"),
            docflow_print::RequestBody {
                content_id: uuid("d065adea-8b9d-4228-bc17-8f86539e01a3"),
            },
        )
}

#[tokio::test]
async fn a_print_is_started_and_awaited_until_its_task_is_done() {
    let server = server().await;
    let api = PrintApi::new(
        Client::new(server.base_url()).expect("a client"),
        SecretString::from("a-token"),
    );
    let started = std::time::Instant::now();
    let done = print(&api)
        .wait_with(TaskPolicy::default().with_interval(Duration::from_millis(250)))
        .await
        .expect("the print, done");
    // Read twice (running, then done), one interval between.
    assert!(started.elapsed() >= Duration::from_millis(250));
    assert_eq!(done.status(), 200);
    let task = done.into_body();
    assert_eq!(task.task_state, TaskState::Succeed);
    assert_eq!(
        task.task_result.map(|result| result.content_id),
        Some(uuid("9f6b57db-db9f-4e4c-8375-62a3504e663d"))
    );
    server.stop().await;
}

#[tokio::test]
async fn a_task_that_outlives_the_deadline_is_still_running() {
    // Only the start and the first read (`running`) are served: the second
    // example is left out, so the task never ends.
    let print_examples = <docflow_print::DocflowPrint as kontur_extern::Endpoint>::examples();
    let running = <get_docflow_task::GetDocflowTask as kontur_extern::Endpoint>::examples()
        .into_iter()
        .find(|example| example.name == "running")
        .expect("the running example");
    let mut serving = ReplayServer::serving();
    for example in print_examples {
        serving = serving.exchange(
            <docflow_print::DocflowPrint as kontur_extern::Endpoint>::METADATA,
            example.name,
            example.documented_request,
            example.documented_response,
        );
    }
    let serving = serving.exchange(
        <get_docflow_task::GetDocflowTask as kontur_extern::Endpoint>::METADATA,
        running.name,
        running.documented_request,
        running.documented_response,
    );
    let server = serving.start().await.expect("starts");
    let api = PrintApi::new(
        Client::new(server.base_url()).expect("a client"),
        SecretString::from("a-token"),
    );
    let error = print(&api)
        .wait_with(
            TaskPolicy::default()
                .with_interval(Duration::ZERO)
                .with_deadline(Duration::from_millis(700)),
        )
        .await
        .expect_err("still running");
    let Error::StillRunning { reads, .. } = error else {
        panic!("{error:?}");
    };
    // No shorter than the floor (200 ms): at most 0, 0.2, 0.4 and 0.6 s.
    assert!((2..=4).contains(&reads), "{reads} reads");
    server.stop().await;
}
