//! From a password token to the Kontur.Extern API: list the accounts, then
//! the first account's docflows.
//!
//! ```sh
//! KONTUR_CLIENT_ID=… KONTUR_CLIENT_SECRET=… KONTUR_USERNAME=… KONTUR_PASSWORD=… \
//!     cargo run --example extern_api
//! ```
//!
//! With the variables it signs in at `https://identity.testkontur.ru` and
//! calls `https://extern-api.testkontur.ru`. Without them it asks replay
//! servers of the documented exchanges instead, so it also runs offline.

use kontur_extern::{Client, Endpoint, ReplayServer, StreamExt, TokenProvider, Url};

kontur_extern::endpoint!("spec/password-token.yaml");
kontur_extern::api!("spec/extern/api.yaml");

use password_token::{PasswordToken, Required};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let credentials = [
        "KONTUR_CLIENT_ID",
        "KONTUR_CLIENT_SECRET",
        "KONTUR_USERNAME",
        "KONTUR_PASSWORD",
    ]
    .map(|name| std::env::var(name).ok());

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
        _ => {
            let identity = ReplayServer::start::<PasswordToken>().await?;
            let api = ReplayServer::serving()
                .endpoint::<list_accounts::ListAccounts>()
                .endpoint::<search_docflows::SearchDocflows>()
                .start()
                .await?;
            let urls = (identity.base_url(), api.base_url());
            replays.extend([identity, api]);
            eprintln!("no KONTUR_* credentials: asking replay servers of the documented exchanges");
            (urls.0, urls.1, PasswordToken::examples().remove(0).request)
        }
    };

    let tokens = TokenProvider::new::<PasswordToken>(Client::new(identity)?, sign_in);
    let api = ExternApi::new(Client::new(api_url)?, tokens);

    // Every account, page by page; the first page's request as documented.
    let list = list_accounts::ListAccounts::examples().remove(0).request;
    let mut accounts = api.accounts().list_items(&list);
    let mut first = None;
    while let Some(account) = accounts.next().await {
        let account = account?;
        println!("account {} {}", account.id, account.organization_name);
        first.get_or_insert(account.id);
    }

    if let Some(account_id) = first {
        // Offline, the documented search (the replay server answers only
        // documented requests, and says why it refuses another).
        let search = if replays.is_empty() {
            search_docflows::Request::new(search_docflows::Required { account_id }).with_take(2)
        } else {
            search_docflows::SearchDocflows::examples()
                .remove(0)
                .request
        };
        let page = api.docflows().search(&search).await?;
        for docflow in page.value.body.docflows_page_item {
            println!("docflow {} {}", docflow.id, docflow.r#type.as_str());
        }
    }

    for server in replays {
        server.stop().await;
    }
    Ok(())
}
