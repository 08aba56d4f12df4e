//! Get a Kontur.Extern access token with a login and password.
//!
//! ```sh
//! KONTUR_CLIENT_ID=… KONTUR_CLIENT_SECRET=… KONTUR_USERNAME=… KONTUR_PASSWORD=… \
//!     cargo run --example password_token
//! ```
//!
//! Without the variables it asks the embedded replay server instead, with
//! the documented example's credentials, so it also runs offline.

use kontur_extern::{Client, Endpoint, ReplayServer, Url};

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::{PasswordToken, Request, Required};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let credentials = [
        "KONTUR_CLIENT_ID",
        "KONTUR_CLIENT_SECRET",
        "KONTUR_USERNAME",
        "KONTUR_PASSWORD",
    ]
    .map(|name| std::env::var(name).ok());

    let (request, base_url, replay) = match credentials {
        [
            Some(client_id),
            Some(secret),
            Some(username),
            Some(password),
        ] => {
            let base_url = Url::parse(PasswordToken::METADATA.default_base_url)?;
            (
                Request::new(Required {
                    client_id,
                    client_secret: secret.into(),
                    username,
                    password: password.into(),
                }),
                base_url,
                None,
            )
        }
        _ => {
            let server = ReplayServer::start::<PasswordToken>().await?;
            let request = PasswordToken::examples().remove(0).request;
            (request, server.base_url(), Some(server))
        }
    };

    let client = password_token::Client::new(Client::new(base_url)?);
    let reply = client.password_token(&request).await;
    if let Some(server) = replay {
        server.stop().await;
    }
    let token = reply?.into_inner();
    println!(
        "{} token for {} s, trace id {}",
        token.token_type.as_str(),
        token.expires_in.as_secs(),
        token.trace_id.as_deref().unwrap_or("(none)")
    );
    Ok(())
}
