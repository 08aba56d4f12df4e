//! The two shipped endpoints (`spec/password-token.yaml` and
//! `spec/refresh-token.yaml`) as a careful person writes them by hand:
//! typed requests and responses with serde derives, one client method each.

use std::io::Read;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

/// What can go wrong in a call.
#[derive(Debug)]
pub enum Error {
    /// Connect, send or receive failed.
    Transport(reqwest::Error),
    /// A status other than 200, with the body.
    Status(u16, String),
    /// The body is not the documented JSON.
    Decode(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Transport(error) => write!(f, "transport: {error}"),
            Error::Status(status, body) => write!(f, "HTTP {status}: {body}"),
            Error::Decode(problem) => write!(f, "cannot decode the response: {problem}"),
        }
    }
}

impl std::error::Error for Error {}

/// How to present the token; Kontur answers `Bearer`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum TokenType {
    /// `Bearer`
    Bearer,
    /// A value the documentation does not list, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    let count = u64::deserialize(deserializer)?;
    if (1..=10 * 365 * 24 * 60 * 60).contains(&count) {
        Ok(Duration::from_secs(count))
    } else {
        Err(serde::de::Error::custom("a lifetime from 1 s to ten years"))
    }
}

/// The body of a token response.
#[derive(Debug, Deserialize)]
pub struct TokenBody {
    /// Bearer token for the Kontur.Extern API.
    pub access_token: SecretString,
    /// Lifetime of the access token.
    #[serde(deserialize_with = "seconds")]
    pub expires_in: Duration,
    /// How to present the token.
    pub token_type: TokenType,
    /// Token for `grant_type=refresh_token`, when the server issues one.
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    /// Granted scope, when the server reports it.
    #[serde(default)]
    pub scope: Option<String>,
}

/// A token response with the headers Kontur adds.
#[derive(Debug)]
pub struct Response {
    /// The decoded body.
    pub body: TokenBody,
    /// The id Kontur's support asks for when something goes wrong.
    pub trace_id: Option<String>,
    /// The server asks the client not to repeat this request.
    pub dont_retry: bool,
}

/// Client for Kontur's token endpoint.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
}

impl Client {
    /// A client for `base_url`, such as `https://identity.testkontur.ru`.
    pub fn new(base_url: impl Into<String>) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(Error::Transport)?;
        Ok(Client {
            http,
            base_url: base_url.into(),
        })
    }

    /// `POST /connect/token` with password authentication.
    pub async fn password_token(&self, request: &PasswordRequest) -> Result<Response, Error> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("client_id", &request.client_id)
            .append_pair("client_secret", request.client_secret.expose_secret())
            .append_pair("grant_type", "password")
            .append_pair("scope", "extern.api")
            .append_pair("username", &request.username)
            .append_pair("password", request.password.expose_secret());
        if let Some(token) = &request.partial_factor_token {
            form.append_pair("partial_factor_token", token.expose_secret());
        }
        self.token(form.finish()).await
    }

    /// `POST /connect/token` with a refresh token.
    pub async fn refresh_token(&self, request: &RefreshRequest) -> Result<Response, Error> {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("client_id", &request.client_id)
            .append_pair("client_secret", request.client_secret.expose_secret())
            .append_pair("grant_type", "refresh_token")
            .append_pair("refresh_token", request.refresh_token.expose_secret())
            .finish();
        self.token(form).await
    }

    async fn token(&self, form: String) -> Result<Response, Error> {
        let response = self
            .http
            .post(format!(
                "{}/connect/token",
                self.base_url.trim_end_matches('/')
            ))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-encoding", "gzip")
            .body(form)
            .send()
            .await
            .map_err(Error::Transport)?;
        let status = response.status();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let trace_id = header("x-kontur-trace-id");
        let dont_retry = header("dont-retry")
            .or_else(|| header("x-kontur-dont-retry"))
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
        let gzip = header("content-encoding").is_some_and(|value| value == "gzip");
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        let mut body = Vec::new();
        if gzip {
            flate2::read::GzDecoder::new(&bytes[..])
                .take(1 << 20)
                .read_to_end(&mut body)
                .map_err(|error| Error::Decode(error.to_string()))?;
        } else {
            body = bytes.to_vec();
        }
        if status != 200 {
            return Err(Error::Status(
                status.as_u16(),
                String::from_utf8_lossy(&body).into_owned(),
            ));
        }
        let body =
            serde_json::from_slice(&body).map_err(|error| Error::Decode(error.to_string()))?;
        Ok(Response {
            body,
            trace_id,
            dont_retry,
        })
    }
}

/// Parameters of `POST /connect/token` with password authentication.
#[derive(Clone, Debug)]
pub struct PasswordRequest {
    /// Service name, issued together with the API key.
    pub client_id: String,
    /// The API key.
    pub client_secret: SecretString,
    /// The user's login (e-mail).
    pub username: String,
    /// The user's password.
    pub password: SecretString,
    /// Token of a partially completed multi-factor sign-in.
    pub partial_factor_token: Option<SecretString>,
}

impl PasswordRequest {
    /// A request with the required parameters.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        username: impl Into<String>,
        password: impl Into<SecretString>,
    ) -> Self {
        PasswordRequest {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            username: username.into(),
            password: password.into(),
            partial_factor_token: None,
        }
    }
}

/// Parameters of `POST /connect/token` with a refresh token.
#[derive(Clone, Debug)]
pub struct RefreshRequest {
    /// Service name, issued together with the API key.
    pub client_id: String,
    /// The API key.
    pub client_secret: SecretString,
    /// The refresh token from an earlier token response.
    pub refresh_token: SecretString,
}

impl RefreshRequest {
    /// A request with the required parameters.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        refresh_token: impl Into<SecretString>,
    ) -> Self {
        RefreshRequest {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_token: refresh_token.into(),
        }
    }
}
