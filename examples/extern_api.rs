//! From a password token to the Kontur.Extern API: list the accounts,
//! search the first account's docflows and read the first one found, then
//! create a draft and delete it.
//!
//! ```sh
//! KONTUR_CLIENT_ID=… KONTUR_CLIENT_SECRET=… KONTUR_USERNAME=… KONTUR_PASSWORD=… \
//!     cargo run --example extern_api
//! ```
//!
//! With the variables it signs in at `https://identity.testkontur.ru` and
//! calls `https://extern-api.testkontur.ru`. Without them it asks replay
//! servers of the documented exchanges instead, so it also runs offline;
//! with some of them, it stops and names the missing ones.
//!
//! The draft is the docs' example (`spec/extern/create-draft.yaml`) sent
//! from the account with the INN of its sender, or else from the first
//! account, with that account's INN and KPP. Its certificate is the docs'
//! elided one unless `KONTUR_CERTIFICATE` holds yours (base64); the live
//! API is expected to refuse the elided one, and the program then says why
//! and goes on.
//!
//! It uses the ready-made `kontur-extern-api` crate: no spec files of its own.

use kontur_extern_api::password_token::{self, PasswordToken, Required};
use kontur_extern_api::{
    Client, Endpoint, ExternApi, ReplayServer, StreamExt, TokenProvider, Url, create_draft,
    delete_draft, get_docflow, list_accounts, search_docflows, types,
};

/// The credentials of a live run, from the environment.
const NAMES: [&str; 4] = [
    "KONTUR_CLIENT_ID",
    "KONTUR_CLIENT_SECRET",
    "KONTUR_USERNAME",
    "KONTUR_PASSWORD",
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let credentials = NAMES.map(|name| std::env::var(name).ok());

    // Offline: the identity server and the API, each from its documented
    // exchanges; their examples' requests are the ones sent below.
    let mut replays = Vec::new();
    let (identity, api_url, sign_in) = match credentials {
        [
            Some(client_id),
            Some(secret),
            Some(username),
            Some(password),
        ] => (
            Url::parse(PasswordToken::METADATA.default_base_url)?,
            Url::parse("https://extern-api.testkontur.ru")?,
            password_token::Request::new(Required {
                client_id,
                client_secret: secret.into(),
                username,
                password: password.into(),
            }),
        ),
        [None, None, None, None] => {
            let identity = ReplayServer::start::<PasswordToken>().await?;
            let api = ReplayServer::serving()
                .endpoint::<list_accounts::ListAccounts>()
                .endpoint::<search_docflows::SearchDocflows>()
                .endpoint::<get_docflow::GetDocflow>()
                .endpoint::<create_draft::CreateDraft>()
                .endpoint::<delete_draft::DeleteDraft>()
                .start()
                .await?;
            let urls = (identity.base_url(), api.base_url());
            replays.extend([identity, api]);
            eprintln!("no KONTUR_* credentials: asking replay servers of the documented exchanges");
            (urls.0, urls.1, PasswordToken::examples().remove(0).request)
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
    };

    let tokens = TokenProvider::new::<PasswordToken>(Client::new(identity)?, sign_in);
    let api = ExternApi::new(Client::new(api_url)?, tokens);

    // Every account, two at a time (the documented page), as one stream.
    let mut accounts = api.accounts().list().with_skip(0).with_take(2).items();
    let mut found = Vec::new();
    while let Some(account) = accounts.next().await {
        let account = account?;
        println!("account {} {}", account.id, account.organization_name);
        found.push(account);
    }
    let Some(first) = found.first() else {
        println!("no accounts");
        return stop(replays).await;
    };

    // The documented search: reports of two kinds updated since 2020.
    let documented = search_docflows::SearchDocflows::examples()
        .remove(0)
        .request;
    let mut search = api.docflows(first.id).search().with_skip(0).with_take(2);
    if let Some(from) = documented.updated_from {
        search = search.with_updated_from(from);
    }
    if let Some(types) = documented.r#type {
        search = search.with_type(types);
    }
    let page = search.await?;
    for docflow in &page.docflows_page_item {
        println!("docflow {} {}", docflow.id, docflow.r#type.as_str());
    }
    if let Some(item) = page.docflows_page_item.first() {
        let docflow = api.docflows(first.id).get(item.id).await?.into_body();
        println!(
            "docflow {}: {} documents, status {}",
            docflow.id,
            docflow.documents.len(),
            docflow.status.as_str()
        );
    }

    // A draft, created and deleted.
    let mut body = create_draft::CreateDraft::examples().remove(0).request.body;
    let account = found
        .iter()
        .find(|account| account.inn == body.sender.inn)
        .unwrap_or(first);
    body.sender.inn.clone_from(&account.inn);
    body.sender.kpp = account.kpp.clone();
    body.payer.inn.clone_from(&account.inn);
    body.payer.organization.kpp = account.kpp.clone();
    if let Ok(content) = std::env::var("KONTUR_CERTIFICATE") {
        body.sender.certificate = Some(types::DraftCertificate { content });
    }
    let drafts = api.drafts(account.id);
    match drafts.create(body).await {
        Ok(created) => {
            let id = created.id;
            println!("draft {id} created in account {}", account.id);
            let deleted = drafts.delete(id).await?;
            println!(
                "draft {id} {}",
                if deleted.is_some() {
                    "deleted"
                } else {
                    "was already gone"
                }
            );
        }
        Err(error) => println!("the API did not create the draft: {error}"),
    }

    stop(replays).await
}

/// Stops the replay servers, if any.
async fn stop(replays: Vec<ReplayServer>) -> Result<(), Box<dyn std::error::Error>> {
    for server in replays {
        server.stop().await;
    }
    Ok(())
}
