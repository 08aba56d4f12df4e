//! A report's whole cycle through the Kontur.Extern API: send a report,
//! read the events feed until the report's docflow moves on, read the
//! demand the tax office sent about it, download the demand's decrypted
//! file, generate, sign and send the receipt of the demand, and read the
//! feed until the demand's docflow moves on in turn.
//!
//! ```sh
//! cargo run --example report_cycle            # offline, against replay servers
//! KONTUR_CLIENT_ID=… KONTUR_CLIENT_SECRET=… KONTUR_USERNAME=… KONTUR_PASSWORD=… \
//!     KONTUR_SIGN_COMMAND='…' cargo run --example report_cycle
//! ```
//!
//! Offline (no `KONTUR_*` credentials), the identity server and the API are
//! replay servers of the documented exchanges. The draft, its document and
//! signature, the send and its task are the docs' send_report.rst scenario;
//! the rest of the cycle (the feed's events, the demand, its file, the
//! receipt) is a chain of examples written from the model for this program,
//! named `cycle_*` in the specs, each saying so in its `doc`.
//!
//! Live, it signs in at `identity.testkontur.ru` and calls
//! `extern-api.testkontur.ru`: **it creates and sends a report from your
//! test account** and answers a demand in it. What it sends is the docs'
//! example, from your first account, with that account's INN and KPP and
//! `KONTUR_CERTIFICATE` (base64) as the certificate where it is set; the
//! test server refuses the docs' elided document and signature, and the
//! program then says at which step and why. A demand comes on the test server
//! only when Extern Test Tools is asked for one (`POST
//! /test-tools/v1/generate-demand`), which this program does not do: it
//! waits for one as long as `KONTUR_WAIT_SECONDS` says (600 by default). The
//! receipt is signed by `KONTUR_SIGN_COMMAND`, run by `sh -c` with the
//! receipt's content (base64, as the API gives it) on its standard input; its
//! standard output is the signature (a detached CMS signature, bytes). The
//! feed is read from `KONTUR_EVENTS_FROM` (`0_0`, its start, by default) to
//! its end before the report is sent. The live run is not part of CI.
//!
//! `tests/cycle.rs` runs [`cycle`] offline and checks every step.

use std::time::Duration;

use kontur_extern_api::kontur_extern::Replay;
use kontur_extern_api::password_token::{self, PasswordToken, Required};
use kontur_extern_api::{
    Client, Endpoint, Error, ExternApi, ReplayServer, TaskPolicy, TokenProvider, Url, Uuid,
    add_draft_document, add_draft_signature, create_draft, download_content, draft_prepare,
    draft_send, extern_reply_types, generate_reply, get_docflow, get_draft_task, get_events,
    list_accounts, poll_until, send_reply, types, update_reply_signature,
};

/// The credentials of a live run, from the environment.
const NAMES: [&str; 4] = [
    "KONTUR_CLIENT_ID",
    "KONTUR_CLIENT_SECRET",
    "KONTUR_USERNAME",
    "KONTUR_PASSWORD",
];

/// Signs a reply's content (base64, as the API gives it): the signature's
/// bytes, or why there is none.
pub type Signer = Box<dyn Fn(&str) -> Result<Vec<u8>, String> + Send + Sync>;

/// What the cycle sends, and how long it waits.
pub struct Plan {
    /// The account everything happens in.
    pub account: Uuid,
    /// The report: the draft's metadata.
    pub report: types::DraftMetaRequest,
    /// The report's document: its content, uploaded.
    pub content: Uuid,
    /// The document's signature, base64.
    pub signature: String,
    /// The certificate of whoever signs the receipt, base64.
    pub certificate: String,
    /// Signs the receipt.
    pub sign: Signer,
    /// The feed's event to read from, before the report is sent.
    pub events_from: String,
    /// Events per page of the feed.
    pub take: i64,
    /// How often the feed is read again once it has caught up, and for how
    /// long before the cycle gives up.
    pub every: Duration,
    pub within: Duration,
    /// How the draft's tasks are read until done.
    pub tasks: TaskPolicy,
}

/// What the cycle went through.
#[derive(Debug)]
pub struct Outcome {
    /// The report's docflow, and the state the feed gave it.
    pub report: Uuid,
    pub report_state: String,
    /// The demand's docflow, and its main document.
    pub demand: Uuid,
    pub demand_document: Uuid,
    /// The demand's file, decrypted.
    pub demand_file: Vec<u8>,
    /// The receipt, and the documents of the demand's docflow once it was sent.
    pub receipt: Uuid,
    pub demand_documents: usize,
    /// The state the feed gave the demand's docflow after the receipt.
    pub demand_state: String,
}

/// A step of the cycle that failed, and why.
#[derive(Debug)]
pub struct StepError {
    pub step: &'static str,
    pub why: String,
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.step, self.why)
    }
}

impl std::error::Error for StepError {}

/// The error of `step`, from any error.
fn at<E: std::fmt::Display>(step: &'static str) -> impl FnOnce(E) -> StepError {
    move |error| StepError {
        step,
        why: error.to_string(),
    }
}

/// The events feed, handed out an event at a time: read a page at a time
/// from a cursor, again every `every` while it has caught up.
struct Feed<'a> {
    api: &'a ExternApi,
    cursor: String,
    take: i64,
    every: Duration,
    within: Duration,
    pending: std::collections::VecDeque<get_events::ApiEvent>,
}

impl Feed<'_> {
    /// One page from the cursor; the cursor moves past it.
    async fn page(&mut self, step: &'static str) -> Result<get_events::EventsPage, StepError> {
        let page = self
            .api
            .events()
            .feed(self.take)
            .with_from_id(self.cursor.clone())
            .await
            .map_err(at(step))?
            .into_body();
        if let Some(next) = &page.next_event_id {
            self.cursor.clone_from(next);
        }
        Ok(page)
    }

    /// Reads to the feed's end: what comes after is new.
    async fn catch_up(&mut self) -> Result<(), StepError> {
        self.pending.clear();
        while !self
            .page("reading the events feed to its end")
            .await?
            .api_events
            .is_empty()
        {}
        Ok(())
    }

    /// The first event from here on that `wanted` takes; the events before
    /// it are passed over, the ones after it kept for the next call.
    async fn wait_for(
        &mut self,
        step: &'static str,
        wanted: impl Fn(&get_events::ApiEvent) -> bool,
    ) -> Result<get_events::ApiEvent, StepError> {
        let started = tokio::time::Instant::now();
        loop {
            while let Some(event) = self.pending.pop_front() {
                if wanted(&event) {
                    return Ok(event);
                }
            }
            let page = self.page(step).await?;
            if page.api_events.is_empty() {
                if started.elapsed() + self.every > self.within {
                    return Err(StepError {
                        step,
                        why: format!(
                            "no such event in the feed after waiting {} s (up to event {})",
                            started.elapsed().as_secs(),
                            self.cursor
                        ),
                    });
                }
                tokio::time::sleep(self.every).await;
            }
            self.pending.extend(page.api_events);
        }
    }
}

/// The whole cycle, each step printed as it ends.
pub async fn cycle(api: &ExternApi, plan: &Plan) -> Result<Outcome, StepError> {
    let mut feed = Feed {
        api,
        cursor: plan.events_from.clone(),
        take: plan.take,
        every: plan.every,
        within: plan.within,
        pending: Default::default(),
    };
    feed.catch_up().await?;
    println!("events feed read to event {}", feed.cursor);

    // The report: a draft, its document and signature, prepared and sent.
    let drafts = api.drafts(plan.account);
    let draft = drafts
        .create(plan.report.clone())
        .await
        .map_err(at("creating the draft"))?
        .into_body();
    let document = drafts
        .add_document(
            draft.id,
            types::DraftDocumentRequest {
                content_id: Some(plan.content),
                signature: None,
                description: None,
            },
        )
        .await
        .map_err(at("adding the report's document"))?
        .into_body();
    drafts
        .add_signature(
            draft.id,
            document.id,
            types::DraftSignatureRequest {
                base64_content: plan.signature.clone(),
                is_third_party_signature: Some(false),
            },
        )
        .await
        .map_err(at("signing the report's document"))?;
    let prepare = drafts
        .prepare(draft.id)
        .await
        .map_err(at("preparing the draft"))?
        .into_body();
    let prepared = poll_until(
        || drafts.task(draft.id, prepare.id),
        |read| !matches!(task_of(read), Some(task) if task.task_state == types::DraftTaskState::Running),
        plan.tasks.interval(),
        plan.tasks.deadline(),
    )
    .await
    .map_err(at("reading the prepare task"))?;
    match task_of(&prepared).and_then(|task| task.task_result.as_ref()) {
        Some(types::DraftTaskResult::Prepare(ready))
            if ready.status == types::PrepareStatus::Ok => {}
        other => {
            return Err(StepError {
                step: "preparing the draft",
                why: format!("the draft is not ready to send: {other:?}"),
            });
        }
    }
    let sent = drafts
        .send(draft.id)
        .wait_with(plan.tasks)
        .await
        .map_err(at("sending the draft"))?;
    let report = match sent.into_inner() {
        get_draft_task::Response::Read(read) => match read.into_body().task_result {
            Some(types::DraftTaskResult::Send(types::SendResult::Docflow(docflow))) => docflow,
            other => {
                return Err(StepError {
                    step: "sending the draft",
                    why: format!("the send task ended without a docflow: {other:?}"),
                });
            }
        },
        other => {
            return Err(StepError {
                step: "sending the draft",
                why: format!("the server refused to send it: {other:?}"),
            });
        }
    };
    println!("report sent: docflow {}", report.id);

    // The feed, until the report's docflow moves on.
    let report_id = report.id.to_string();
    let moved = feed
        .wait_for("waiting for the report's new state", |event| {
            event.docflow_id.as_deref() == Some(&report_id)
        })
        .await?;
    let report_state = moved.new_state.unwrap_or_default();
    println!("report {}: {report_state}", report.id);

    // A demand in the same account.
    let account_id = plan.account.to_string();
    let arrived = feed
        .wait_for("waiting for a demand", |event| {
            event.docflow_type.as_str() == "urn:docflow:fns534-demand"
                && event.account_id.as_deref() == Some(&account_id)
        })
        .await?;
    let demand_id: Uuid = arrived
        .docflow_id
        .as_deref()
        .unwrap_or_default()
        .parse()
        .map_err(at("reading the demand's event"))?;
    let demand = api
        .docflows(plan.account)
        .get(demand_id)
        .await
        .map_err(at("reading the demand"))?
        .into_body();
    let of_type = |urn: &str| {
        demand
            .documents
            .iter()
            .find(|document| document.description.r#type.as_str() == urn)
    };
    let (Some(main), Some(attachment)) = (
        of_type("urn:document:fns534-demand"),
        of_type("urn:document:fns534-demand-attachment"),
    ) else {
        return Err(StepError {
            step: "reading the demand",
            why: "the docflow has no demand or no demand file".to_owned(),
        });
    };
    println!(
        "demand {demand_id}: {} documents, the file {}",
        demand.documents.len(),
        attachment
            .description
            .filename
            .as_deref()
            .unwrap_or("without a name")
    );

    // Its file, decrypted: the content of the attachment that is not encrypted.
    let decrypted = attachment
        .content
        .iter()
        .flat_map(|content| content.docflow_document_contents.iter().flatten())
        .find(|content| !content.encrypted)
        .ok_or_else(|| StepError {
            step: "downloading the demand's file",
            why: "the demand's file has no decrypted content (decrypt it first)".to_owned(),
        })?;
    let demand_file = download_content_bytes(api, plan.account, decrypted.content_id)
        .await
        .map_err(at("downloading the demand's file"))?;
    println!("demand's file: {} bytes", demand_file.len());

    // The receipt: generated, signed, sent.
    let replies = api
        .docflows(plan.account)
        .documents(demand_id)
        .replies(main.id);
    let receipt = replies
        .generate(
            extern_reply_types::GenerateReplyRequest {
                certificate_base64: plan.certificate.clone(),
            },
            "fns534-demand-acceptance-result-positive",
        )
        .await
        .map_err(at("generating the receipt"))?
        .into_body();
    let signature = (plan.sign)(&receipt.content).map_err(at("signing the receipt"))?;
    replies
        .update_signature(receipt.id, signature)
        .await
        .map_err(at("adding the receipt's signature"))?;
    let answered = replies
        .send(
            receipt.id,
            extern_reply_types::SendReplyRequest {
                sender_ip: "8.8.8.8".to_owned(),
            },
        )
        .await
        .map_err(at("sending the receipt"))?
        .into_body();
    println!(
        "receipt {} sent: the demand has {} documents",
        receipt.id,
        answered.documents.len()
    );

    // The feed, until the demand's docflow moves on.
    let demand_key = demand_id.to_string();
    let processed = feed
        .wait_for("waiting for the demand's new state", |event| {
            event.docflow_id.as_deref() == Some(&demand_key)
        })
        .await?;
    let demand_state = processed.new_state.unwrap_or_default();
    println!("demand {demand_id}: {demand_state}");

    Ok(Outcome {
        report: report.id,
        report_state,
        demand: demand_id,
        demand_document: main.id,
        demand_file,
        receipt: receipt.id,
        demand_documents: answered.documents.len(),
        demand_state,
    })
}

/// A draft task's read, when it is one.
fn task_of(read: &kontur_extern_api::Reply<get_draft_task::Response>) -> Option<&types::DraftTask> {
    match &**read {
        get_draft_task::Response::Read(read) => Some(&read.body),
        _ => None,
    }
}

/// A whole content's bytes.
async fn download_content_bytes(
    api: &ExternApi,
    account: Uuid,
    content: Uuid,
) -> Result<Vec<u8>, Error> {
    let answer = api.contents(account).download(content).await?;
    Ok(match answer.into_inner() {
        download_content::Response::Whole(whole) => whole.into_body().to_vec(),
        download_content::Response::Part(part) => part.into_body().to_vec(),
    })
}

/// The example of endpoint `E` named `name`.
fn example<E: Endpoint>(name: &str) -> E::Request {
    E::examples()
        .into_iter()
        .find(|example| example.name == name)
        .map(|example| example.request)
        .unwrap_or_else(|| panic!("{} documents an example `{name}`", E::METADATA.name))
}

/// A replay server of every example of the endpoints the offline cycle
/// asks, but those named in `leave_out` (which the tests leave out to see a
/// step fail).
pub fn offline_api(leave_out: &[&str]) -> Replay {
    let mut replay = ReplayServer::serving();
    replay = serve::<list_accounts::ListAccounts>(replay, leave_out);
    replay = serve::<get_events::GetEvents>(replay, leave_out);
    replay = serve::<create_draft::CreateDraft>(replay, leave_out);
    replay = serve::<add_draft_document::AddDraftDocument>(replay, leave_out);
    replay = serve::<add_draft_signature::AddDraftSignature>(replay, leave_out);
    replay = serve::<draft_prepare::DraftPrepare>(replay, leave_out);
    replay = serve::<draft_send::DraftSend>(replay, leave_out);
    replay = serve::<get_draft_task::GetDraftTask>(replay, leave_out);
    replay = serve::<get_docflow::GetDocflow>(replay, leave_out);
    replay = serve::<download_content::DownloadContent>(replay, leave_out);
    replay = serve::<generate_reply::GenerateReply>(replay, leave_out);
    replay = serve::<update_reply_signature::UpdateReplySignature>(replay, leave_out);
    serve::<send_reply::SendReply>(replay, leave_out)
}

/// `replay`, serving the examples of `E` but those named in `leave_out`.
fn serve<E: Endpoint>(replay: Replay, leave_out: &[&str]) -> Replay {
    E::examples()
        .into_iter()
        .filter(|example| !leave_out.contains(&example.name))
        .fold(replay, |replay, example| {
            replay.exchange(
                E::METADATA,
                example.name,
                example.documented_request,
                example.documented_response,
            )
        })
}

/// The offline plan: the documented values of each step.
pub fn offline_plan() -> Plan {
    let document = example::<add_draft_document::AddDraftDocument>("documented");
    let signature = example::<add_draft_signature::AddDraftSignature>("documented");
    let receipt = example::<generate_reply::GenerateReply>("cycle_receipt");
    let signed = example::<update_reply_signature::UpdateReplySignature>("cycle_receipt_signed");
    let caught_up = example::<get_events::GetEvents>("first_page");
    Plan {
        account: signature.account_id,
        report: example::<create_draft::CreateDraft>("documented").body,
        content: document.body.content_id.expect("the documented content"),
        signature: signature.body.base64_content,
        certificate: receipt.body.certificate_base64,
        sign: Box::new(move |_content| Ok(signed.body.to_vec())),
        events_from: caught_up.from_id,
        take: caught_up.take,
        every: kontur_extern_api::MIN_POLL_INTERVAL,
        within: Duration::from_secs(5),
        tasks: TaskPolicy::default().with_interval(kontur_extern_api::MIN_POLL_INTERVAL),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let credentials = NAMES.map(|name| std::env::var(name).ok());
    match credentials {
        [
            Some(client_id),
            Some(secret),
            Some(username),
            Some(password),
        ] => {
            let sign_in = password_token::Request::new(Required {
                client_id,
                client_secret: secret.into(),
                username,
                password: password.into(),
            });
            let tokens = TokenProvider::new::<PasswordToken>(
                Client::new(Url::parse(PasswordToken::METADATA.default_base_url)?)?,
                sign_in,
            );
            let api = ExternApi::new(
                Client::new(Url::parse("https://extern-api.testkontur.ru")?)?,
                tokens,
            );
            let plan = live_plan(&api).await?;
            cycle(&api, &plan).await?;
        }
        [None, None, None, None] => {
            eprintln!("no KONTUR_* credentials: asking replay servers of the documented exchanges");
            let identity = ReplayServer::start::<PasswordToken>().await?;
            let server = offline_api(&[]).start().await?;
            let tokens = TokenProvider::new::<PasswordToken>(
                Client::new(identity.base_url())?,
                PasswordToken::examples().remove(0).request,
            );
            let api = ExternApi::new(Client::new(server.base_url())?, tokens);
            let result = cycle(&api, &offline_plan()).await;
            server.stop().await;
            identity.stop().await;
            result?;
        }
        // Some but not all: going offline would look like a live run.
        partial => {
            let missing: Vec<&str> = NAMES
                .iter()
                .zip(&partial)
                .filter(|(_, value)| value.is_none())
                .map(|(name, _)| *name)
                .collect();
            return Err(format!(
                "set all four KONTUR_* variables for a live run, or none for an offline one; missing: {}",
                missing.join(", ")
            )
            .into());
        }
    }
    Ok(())
}

/// The live plan: the docs' report from the first account, with its INN and
/// KPP, and what the environment gives.
async fn live_plan(api: &ExternApi) -> Result<Plan, Box<dyn std::error::Error>> {
    let accounts = api.accounts().list().await?.into_body().accounts;
    let account = accounts.first().ok_or("the user has no account")?;
    let offline = offline_plan();
    let mut report = offline.report;
    report.sender.inn.clone_from(&account.inn);
    report.sender.kpp = account.kpp.clone();
    report.payer.inn.clone_from(&account.inn);
    report.payer.organization.kpp = account.kpp.clone();
    let certificate = std::env::var("KONTUR_CERTIFICATE").ok();
    if let Some(content) = &certificate {
        report.sender.certificate = Some(types::DraftCertificate {
            content: content.clone(),
        });
    }
    let command = std::env::var("KONTUR_SIGN_COMMAND").ok();
    let sign: Signer = Box::new(move |content| {
        let command = command
            .as_deref()
            .ok_or("set KONTUR_SIGN_COMMAND to a command that signs its standard input")?;
        sign_with(command, content)
    });
    let within =
        match std::env::var("KONTUR_WAIT_SECONDS") {
            Ok(seconds) => Duration::from_secs(seconds.parse().map_err(|_| {
                format!("KONTUR_WAIT_SECONDS is not a number of seconds: {seconds:?}")
            })?),
            Err(_) => Duration::from_secs(600),
        };
    Ok(Plan {
        account: account.id,
        report,
        certificate: certificate.unwrap_or(offline.certificate),
        sign,
        events_from: std::env::var("KONTUR_EVENTS_FROM").unwrap_or_else(|_| "0_0".to_owned()),
        take: 100,
        every: Duration::from_secs(5),
        within,
        tasks: TaskPolicy::default(),
        ..offline
    })
}

/// Runs `command` by `sh -c` with `content` on its standard input: its
/// standard output.
fn sign_with(command: &str, content: &str) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut child = std::process::Command::new("sh")
        .args(["-c", command])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| format!("KONTUR_SIGN_COMMAND did not start: {error}"))?;
    child
        .stdin
        .take()
        .ok_or("no standard input")?
        .write_all(content.as_bytes())
        .map_err(|error| format!("KONTUR_SIGN_COMMAND did not read the content: {error}"))?;
    let output = child
        .wait_with_output()
        .map_err(|error| format!("KONTUR_SIGN_COMMAND failed: {error}"))?;
    if !output.status.success() {
        return Err(format!("KONTUR_SIGN_COMMAND exited with {}", output.status));
    }
    Ok(output.stdout)
}
