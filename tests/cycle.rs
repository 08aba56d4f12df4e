//! The report cycle of `examples/report_cycle.rs`, offline: the example's
//! own code (included, not copied) against replay servers of the documented
//! exchanges, each step checked; and steps whose answers are missing fail
//! with the step's name, not a panic or a hang.

#[path = "../examples/report_cycle.rs"]
#[allow(dead_code)]
mod report_cycle;

use std::time::{Duration, Instant};

use kontur_extern_api::password_token::PasswordToken;
use kontur_extern_api::{
    Client, Endpoint, ExternApi, ReplayServer, TokenProvider, Uuid, download_content,
};
use report_cycle::{Outcome, StepError, cycle, offline_api, offline_plan};

/// The cycle against a replay server that serves every example but those
/// in `leave_out`, with the plan `adjust` makes of the offline one.
async fn run(
    leave_out: &[&str],
    adjust: impl FnOnce(&mut report_cycle::Plan),
) -> Result<Outcome, StepError> {
    let identity = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let server = offline_api(leave_out).start().await.expect("starts");
    let tokens = TokenProvider::new::<PasswordToken>(
        Client::new(identity.base_url()).expect("a client"),
        PasswordToken::examples().remove(0).request,
    );
    let api = ExternApi::new(Client::new(server.base_url()).expect("a client"), tokens);
    let mut plan = offline_plan();
    adjust(&mut plan);
    let outcome = cycle(&api, &plan).await;
    server.stop().await;
    identity.stop().await;
    outcome
}

fn uuid(text: &str) -> Uuid {
    text.parse().expect("a UUID")
}

#[tokio::test]
async fn a_report_is_sent_and_the_demand_about_it_answered_offline() {
    let outcome = run(&[], |_| {}).await.expect("the whole cycle");

    // The docflow the docs' draft became, moved on in the feed.
    assert_eq!(outcome.report, uuid("351b56d1-5d81-4086-8763-0dd3ce55bcd4"));
    assert_eq!(
        outcome.report_state,
        "urn:docflow-common-status:response-arrived"
    );
    // The demand the feed announced after it, its main document, and its
    // file, byte for byte as served.
    assert_eq!(outcome.demand, uuid("0b6f3c2a-8d4e-4f1a-9b7c-2e5d8a1f6c30"));
    assert_eq!(
        outcome.demand_document,
        uuid("6c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
    );
    let file = download_content::DownloadContent::examples()
        .into_iter()
        .find(|example| example.name == "cycle_demand_file")
        .expect("the example");
    assert_eq!(
        outcome.demand_file,
        file.documented_response.body.as_bytes()
    );
    assert_eq!(outcome.demand_file.len(), 104);
    // The receipt, sent: the demand's docflow has it among its documents,
    // and the feed gives the docflow its new state.
    assert_eq!(
        outcome.receipt,
        uuid("9f4b5c6d-7e8f-4091-a2b3-c4d5e6f70819")
    );
    assert_eq!(outcome.demand_documents, 3);
    assert_eq!(outcome.demand_state, "urn:docflow-common-status:processed");
}

#[tokio::test]
async fn a_feed_that_never_shows_the_report_gives_up_naming_the_step() {
    // Without the page of the report's new state, the feed stays caught up.
    let started = Instant::now();
    let error = run(&["cycle_report_answered"], |plan| {
        plan.within = Duration::from_secs(1);
    })
    .await
    .expect_err("gives up");
    assert_eq!(error.step, "waiting for the report's new state");
    assert!(
        error
            .to_string()
            .contains("no such event in the feed after waiting")
            && error.to_string().contains("(up to event 1_3)"),
        "{error}"
    );
    // Read again at the plan's interval for about the plan's time, no longer.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_step_the_server_cannot_answer_is_named_with_the_servers_words() {
    let error = run(&["cycle_demand"], |_| {}).await.expect_err("fails");
    assert_eq!(error.step, "reading the demand");
    assert!(
        error.why.contains("matches no documented example"),
        "{error}"
    );
    // The receipt's signer is the plan's: one that refuses stops the cycle
    // there, with its reason.
    let error = run(&[], |plan| {
        plan.sign = Box::new(|_| Err("no key for this certificate".to_owned()));
    })
    .await
    .expect_err("fails");
    assert_eq!(
        error.to_string(),
        "signing the receipt: no key for this certificate"
    );
}
