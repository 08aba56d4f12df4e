//! One client over the Kontur.Extern API specs (`api!`), end to end against
//! replay servers with no network: a password token, then accounts, a
//! docflow search, one docflow, a draft created, read and deleted, and a
//! content uploaded in two chunks.

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
        .endpoint::<upload_content::UploadContent>()
        .endpoint::<upload_content_chunk::UploadContentChunk>()
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

    // Every account, page by page, as one stream.
    let request = first::<list_accounts::ListAccounts>();
    let accounts: Vec<_> = api.accounts().list_items(&request).collect().await;
    // Two pages (2 and 1 accounts), the second fetched when the first is read.
    assert!(accounts.iter().all(Result::is_ok), "{accounts:?}");
    assert_eq!(accounts.len(), 3, "{accounts:?}");

    let page = api
        .docflows()
        .search(&first::<search_docflows::SearchDocflows>())
        .await
        .expect("a page");
    assert_eq!(page.value.body.docflows_page_item.len(), 2);

    let docflow = api
        .docflows()
        .get(&first::<get_docflow::GetDocflow>())
        .await
        .expect("a docflow");
    assert_eq!(
        docflow.value.body.id.to_string(),
        "a9bc74bd-311b-43f0-aff7-faba24ce35d9"
    );
    assert!(!docflow.value.body.documents.is_empty());

    let created = api
        .drafts()
        .create(&first::<create_draft::CreateDraft>())
        .await
        .expect("a draft");
    assert_eq!(created.info.status, 201);
    let read = api
        .drafts()
        .get(&first::<get_draft::GetDraft>())
        .await
        .expect("the draft");
    assert!(read.value.is_some());
    let deleted = api
        .drafts()
        .delete(&example::<delete_draft::DeleteDraft>("deleted").request)
        .await
        .expect("deleted");
    assert!(deleted.value.is_some());

    // A content in two chunks: the first starts the upload, the second,
    // sent to the content's id, completes it. Requests built by hand.
    let account_id: kontur_extern::Uuid = "bd0cd3f6-315d-4f03-a9cc-3507f63265ed"
        .parse()
        .expect("a UUID");
    let first_chunk = upload_content::Request::new(upload_content::Required {
        body: b"hello".to_vec().into(),
        account_id,
        content_range: "bytes 0-4/11".to_owned(),
    });
    let started = api
        .contents()
        .upload(&first_chunk)
        .await
        .expect("the first chunk");
    let upload_content::Response::Partial(partial) = started.value else {
        panic!("partial: {:?}", started.value);
    };
    let last_chunk = upload_content_chunk::Request::new(upload_content_chunk::Required {
        body: b" world".to_vec().into(),
        account_id,
        id: partial.body.id,
        content_range: "bytes 5-10/11".to_owned(),
    });
    let finished = api
        .contents()
        .upload_chunk(&last_chunk)
        .await
        .expect("the last chunk");
    let upload_content_chunk::Response::Complete(complete) = finished.value else {
        panic!("complete: {:?}", finished.value);
    };
    assert!(complete.body.is_completed);
    assert_eq!(complete.body.content.id, partial.body.id);

    api_server.stop().await;
    identity.stop().await;
}
