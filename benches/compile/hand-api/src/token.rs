// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.

/// Obtain an access token for the Kontur.Extern API with a user's login and password.
pub mod password_token {
    use serde::Deserialize;

    #[derive(Debug, Clone, Deserialize)]
    pub struct Response {
        /// Bearer token for the Kontur.Extern API.
        pub access_token: String,
        /// Lifetime of the access token (24 hours on Kontur's servers).
        pub expires_in: u64,
        /// How to present the token; Kontur answers `Bearer`.
        pub token_type: TokenType,
        /// Token for `grant_type=refresh_token`, when the server issues one.
        #[serde(default)]
        pub refresh_token: Option<String>,
        /// Granted scope, when the server reports it.
        #[serde(default)]
        pub scope: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
    pub enum TokenType {
        #[serde(rename = "Bearer")]
        Bearer,
        #[serde(untagged)]
        Unknown(String),
    }

    impl crate::Client {
        /// Obtain an access token for the Kontur.Extern API with a user's login and password.
        ///
        /// The user must have enabled e-mail and password sign-in in the Kontur.Extern web
        /// interface; those credentials go into `username` and `password`. For test credentials
        /// write to extern-api@skbkontur.ru.
        pub async fn password_token(&self, client_id: &str, client_secret: &str, username: &str, password: &str, partial_factor_token: Option<&str>) -> Result<Response, crate::Error> {
            let url = format!("{}/connect/token", self.base_url);
            let mut request = self.http.post(url);
            let mut form: Vec<(&str, String)> = Vec::new();
            form.push(("client_id", client_id.to_string()));
            form.push(("client_secret", client_secret.to_string()));
            form.push(("grant_type", "password".to_owned()));
            form.push(("scope", "extern.api".to_owned()));
            form.push(("username", username.to_string()));
            form.push(("password", password.to_string()));
            if let Some(value) = partial_factor_token { form.push(("partial_factor_token", value.to_string())); }
            request = request.form(&form);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Exchange a refresh token for a new access token.
pub mod refresh_token {
    use serde::Deserialize;

    #[derive(Debug, Clone, Deserialize)]
    pub struct Response {
        /// Bearer token for the Kontur.Extern API.
        pub access_token: String,
        /// Lifetime of the access token.
        pub expires_in: u64,
        /// How to present the token; Kontur answers `Bearer`.
        pub token_type: TokenType,
        /// A new refresh token, when the server rotates them.
        #[serde(default)]
        pub refresh_token: Option<String>,
        /// Granted scope, when the server reports it.
        #[serde(default)]
        pub scope: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
    pub enum TokenType {
        #[serde(rename = "Bearer")]
        Bearer,
        #[serde(untagged)]
        Unknown(String),
    }

    impl crate::Client {
        /// Exchange a refresh token for a new access token.
        ///
        /// Used by `kontur_extern::TokenProvider` when the last token response carried a
        /// `refresh_token`; when this fails, the provider authenticates again from scratch.
        pub async fn refresh_token(&self, client_id: &str, client_secret: &str, refresh_token: &str) -> Result<Response, crate::Error> {
            let url = format!("{}/connect/token", self.base_url);
            let mut request = self.http.post(url);
            let mut form: Vec<(&str, String)> = Vec::new();
            form.push(("client_id", client_id.to_string()));
            form.push(("client_secret", client_secret.to_string()));
            form.push(("grant_type", "refresh_token".to_owned()));
            form.push(("refresh_token", refresh_token.to_string()));
            request = request.form(&form);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
