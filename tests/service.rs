//! One client over the Kontur.Extern API specs (`api!`), end to end against
//! replay servers with no network: a password token, then accounts, a
//! docflow search, one docflow, a draft created, read, given a signed
//! document, checked, prepared, sent (and another refused) and deleted, and
//! a content uploaded in two chunks.

use kontur_extern::{Client, Endpoint, ReplayServer, StreamExt, TokenProvider};

kontur_extern::endpoint!("spec/password-token.yaml");
kontur_extern::api!("spec/extern/api.yaml");

use password_token::PasswordToken;

fn example<E: Endpoint>(name: &str) -> kontur_extern::Example<E::Request> {
    E::examples()
        .into_iter()
        .find(|example| example.name == name)
        .unwrap_or_else(|| panic!("example `{name}`"))
}

fn first<E: Endpoint>() -> E::Request {
    E::examples().remove(0).request
}

fn uuid(text: &str) -> kontur_extern::Uuid {
    text.parse().expect("a UUID")
}

/// The task of a read that is not a refused send (`get_draft_task`'s
/// outcome `read`).
fn read_task(reply: kontur_extern::Reply<get_draft_task::Response>) -> extern_types::DraftTask {
    match reply.into_inner() {
        get_draft_task::Response::Read(read) => read.into_body(),
        other => panic!("a task read: {other:?}"),
    }
}

#[tokio::test]
async fn a_token_then_accounts_docflows_and_a_draft_offline() {
    // The identity server, and the API, each from its documented exchanges.
    let identity = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let api_server = ReplayServer::serving()
        .endpoint::<list_accounts::ListAccounts>()
        .endpoint::<search_docflows::SearchDocflows>()
        .endpoint::<get_docflow::GetDocflow>()
        .endpoint::<create_draft::CreateDraft>()
        .endpoint::<get_draft::GetDraft>()
        .endpoint::<delete_draft::DeleteDraft>()
        .endpoint::<add_draft_document::AddDraftDocument>()
        .endpoint::<add_draft_signature::AddDraftSignature>()
        .endpoint::<draft_check::DraftCheck>()
        .endpoint::<draft_prepare::DraftPrepare>()
        .endpoint::<draft_send::DraftSend>()
        .endpoint::<get_draft_task::GetDraftTask>()
        .endpoint::<upload_content::UploadContent>()
        .endpoint::<upload_content_chunk::UploadContentChunk>()
        .endpoint::<get_docflow_document::GetDocflowDocument>()
        .endpoint::<get_draft_signature::GetDraftSignature>()
        .start()
        .await
        .expect("starts");

    let tokens = TokenProvider::new::<PasswordToken>(
        Client::new(identity.base_url()).expect("a client"),
        first::<PasswordToken>(),
    );
    let api = ExternApi::new(
        Client::new(api_server.base_url()).expect("a client"),
        tokens,
    );

    // Every account, page by page, as one stream: the documented first
    // page asks for two.
    let accounts: Vec<_> = api
        .accounts()
        .list()
        .with_skip(0)
        .with_take(2)
        .items()
        .collect()
        .await;
    // Two pages (2 and 1 accounts), the second fetched when the first is read.
    assert!(accounts.iter().all(Result::is_ok), "{accounts:?}");
    assert_eq!(accounts.len(), 3, "{accounts:?}");

    // The documented search, with the values of its example.
    let account_id = uuid("bd0cd3f6-315d-4f03-a9cc-3507f63265ed");
    let documented = first::<search_docflows::SearchDocflows>();
    let page = api
        .docflows(account_id)
        .search()
        .with_skip(0)
        .with_take(2)
        .with_updated_from(documented.updated_from.expect("documented"))
        .with_type(documented.r#type.clone().expect("documented"))
        .await
        .expect("a page");
    assert_eq!(page.docflows_page_item.len(), 2);

    let docflow = api
        .docflows(account_id)
        .get(uuid("a9bc74bd-311b-43f0-aff7-faba24ce35d9"))
        .await
        .expect("a docflow");
    assert_eq!(
        docflow.id.to_string(),
        "a9bc74bd-311b-43f0-aff7-faba24ce35d9"
    );
    assert!(!docflow.documents.is_empty());

    // One of its documents, through the docflow's handle: a group `under`
    // another keeps the other's bound values and takes its own.
    let document_id = uuid("75d929b9-08a9-4692-961d-111cc87dc2e8");
    let document = api
        .docflows(account_id)
        .documents(uuid("a9bc74bd-311b-43f0-aff7-faba24ce35d9"))
        .get(document_id)
        .await
        .expect("an answer")
        .into_inner()
        .expect("the documented document");
    assert_eq!(document.id, document_id);
    // Three levels down: a draft's document's signature.
    let signature_id = uuid("536d1a44-3469-48aa-99db-b19e012d2906");
    let signature = api
        .drafts(uuid("c5217c6d-a8fd-4acf-997c-6da64a9b5f74"))
        .documents(uuid("57a3c02c-45bd-48f2-9d68-bfaac4a7bb26"))
        .signatures(uuid("ea7cdf3e-6f80-4b94-be0d-e36f1ff84d8e"))
        .get(signature_id)
        .await
        .expect("the documented signature");
    assert_eq!(signature.id, signature_id);

    // A draft in the account of the docs' example: its documented body.
    let drafts = api.drafts(uuid("c5217c6d-a8fd-4acf-997c-6da64a9b5f74"));
    let created = drafts
        .create(first::<create_draft::CreateDraft>().body)
        .await
        .expect("a draft");
    assert_eq!(created.status(), 201);
    let draft_id = uuid("57a3c02c-45bd-48f2-9d68-bfaac4a7bb26");
    let read = drafts.get(draft_id).send().await.expect("the draft");
    assert_eq!(read.into_inner().map(|draft| draft.id), Some(draft_id));
    // A document made of an uploaded content, and its signature (the
    // documented values).
    let document = drafts
        .add_document(
            draft_id,
            extern_types::DraftDocumentRequest {
                content_id: Some(uuid("1816fdca-e743-4eb9-8221-b26b0762e015")),
                signature: None,
                description: None,
            },
        )
        .await
        .expect("a document")
        .into_body();
    assert_eq!(document.contents.len(), 1);
    let signature = drafts
        .add_signature(
            draft_id,
            document.id,
            extern_types::DraftSignatureRequest {
                base64_content: "MIINYQYJK...JmPNEqCaE+h".to_owned(),
                is_third_party_signature: Some(false),
            },
        )
        .await
        .expect("a signature")
        .into_body();
    assert_eq!(
        signature.signer_type,
        Some(extern_types::SignerType::OrganizationRepresentative)
    );

    // The draft checked, prepared and sent: each a task, read again until
    // it is done (the replay server answers the check's task `running`,
    // then as documented).
    // The check's task is declared in its spec (`task:`): `.wait()` starts
    // it and reads it until it is done, at the floor's interval here.
    let started = std::time::Instant::now();
    let checked = read_task(
        drafts
            .check(draft_id)
            .wait_with(
                kontur_extern::TaskPolicy::default()
                    .with_interval(kontur_extern::MIN_POLL_INTERVAL),
            )
            .await
            .expect("the task, done"),
    );
    assert!(
        started.elapsed() >= kontur_extern::MIN_POLL_INTERVAL,
        "read again after one interval: {:?}",
        started.elapsed()
    );
    assert_eq!(checked.task_state, extern_types::DraftTaskState::Succeed);
    let Some(extern_types::DraftTaskResult::Check(found)) = checked.task_result else {
        panic!("a check result: {checked:?}");
    };
    assert_eq!(found.data.documents_errors.len(), 1);
    let prepare = drafts.prepare(draft_id).await.expect("a task").into_body();
    let prepared = read_task(drafts.task(draft_id, prepare.id).await.expect("the task"));
    let Some(extern_types::DraftTaskResult::Prepare(ready)) = prepared.task_result else {
        panic!("a prepare result: {prepared:?}");
    };
    assert_eq!(ready.status, extern_types::PrepareStatus::Ok);
    let draft_send::Response::Started(send) =
        drafts.send(draft_id).await.expect("a task").into_inner()
    else {
        panic!("a send started");
    };
    assert_eq!(send.task_type.as_deref(), Some("urn:task-type:send"));
    // The docs read the send task under another id than the one `send`
    // answered (see the spec); the documented one.
    let sent = read_task(
        drafts
            .task(draft_id, uuid("8be51112-d4ee-4c8c-8bc6-7cd46e369a68"))
            .await
            .expect("the task"),
    );
    let Some(extern_types::DraftTaskResult::Send(extern_types::SendResult::Docflow(docflow))) =
        sent.task_result
    else {
        panic!("a docflow: {sent:?}");
    };
    assert_eq!(docflow.documents.len(), 3);

    // A send the server refuses answers 400 with the task, a result and not
    // an error; `.wait()` reads the task once more (400 again) and ends
    // there, whatever its state: a refused read is final.
    let refused = drafts
        .send(uuid("d5c7e9a1-3b5d-4f7a-9c1e-3a5b7c9d1e2f"))
        .wait_with(
            kontur_extern::TaskPolicy::default().with_interval(kontur_extern::MIN_POLL_INTERVAL),
        )
        .await
        .expect("a refused send is a result");
    assert_eq!(refused.status(), 400);
    let get_draft_task::Response::Refused(refused) = refused.into_inner() else {
        panic!("the refused outcome");
    };
    assert_eq!(refused.id, uuid("2f9b5c1e-0c1a-4d6e-9a57-3b0e8f1d2c44"));
    let Some(extern_types::DraftTaskResult::Send(extern_types::SendResult::Failure(why))) =
        refused.into_body().task_result
    else {
        panic!("a send failure");
    };
    assert_eq!(why.id, "urn:error:externapi:checkProtocolHasErrors");
    assert_eq!(
        why.check_result.map(|found| found.common_errors.len()),
        Some(3)
    );

    let deleted = drafts.delete(draft_id).await.expect("deleted");
    assert!(deleted.is_some());
    // A whole request (an example's) goes through `send`.
    let gone = api
        .send::<delete_draft::DeleteDraft>(
            &example::<delete_draft::DeleteDraft>("not_found").request,
        )
        .await
        .expect("an answer");
    assert!(gone.is_none());

    // A content in two chunks: the first starts the upload, the second,
    // sent to the content's id, completes it.
    let contents = api.contents(account_id);
    let started = contents
        .upload(b"hello".to_vec(), "bytes 0-4/11")
        .await
        .expect("the first chunk");
    let upload_content::Response::Partial(partial) = &*started else {
        panic!("partial: {:?}", *started);
    };
    let finished = contents
        .upload_chunk(partial.body.id, b" world".to_vec(), "bytes 5-10/11")
        .await
        .expect("the last chunk");
    let upload_content_chunk::Response::Complete(complete) = &*finished else {
        panic!("complete: {:?}", *finished);
    };
    assert!(complete.body.is_completed);
    assert_eq!(complete.body.content.id, partial.body.id);

    api_server.stop().await;
    identity.stop().await;
}
