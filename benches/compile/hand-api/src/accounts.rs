// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The user's accounts.

/// List the accounts the user may see, a page at a time.
pub mod list_accounts {

    impl crate::Client {
        /// List the accounts the user may see, a page at a time.
        ///
        /// An administrator sees every account; with multi-user mode on, a user sees the accounts they
        /// have access to; users of partner companies see the accounts of the api-key the token was
        /// obtained with. Each account carries its head organization (INN, KPP, name), the user's role
        /// and links.
        pub async fn accounts_list(&self, skip: Option<i64>, take: Option<i64>) -> Result<crate::extern_types::AccountList, crate::Error> {
            let url = format!("{}/v1", self.base_url);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get an account of the user, or learn that there is none with this id.
pub mod get_account {

    impl crate::Client {
        /// Get an account of the user, or learn that there is none with this id.
        ///
        /// The account's head organization (INN, KPP, name), the user's role in it and links. An
        /// account that does not exist, or that the user may not see, is "not found": the call
        /// returns `None`.
        pub async fn accounts_get(&self, account_id: uuid::Uuid) -> Result<Option<crate::extern_types::Account>, crate::Error> {
            let url = format!("{}/v1/{}", self.base_url, account_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            let response = response.error_for_status()?;
            Ok(Some(response.json().await?))
        }
    }
}

/// Create an account whose head organization is the one given.
pub mod create_account {
    use serde::{Deserialize, Serialize};

    /// The head organization of the new account.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct CreateAccountRequest {
        /// INN (ИНН) of the organization; `Inn::new` checks it.
        pub inn: crate::extern_types::Inn,
        /// KPP (КПП) of the organization, when it has one; `Kpp::new` checks it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kpp: Option<crate::extern_types::Kpp>,
        /// Name of the organization.
        #[serde(rename = "organization-name")]
        pub organization_name: String,
    }

    impl crate::Client {
        /// Create an account whose head organization is the one given.
        ///
        /// The organization in the request becomes the account's head organization. Users of partner
        /// companies may create an account for an organization that is not registered in
        /// Kontur.Extern yet. Returns the new account.
        pub async fn accounts_create(&self, body: &CreateAccountRequest) -> Result<crate::extern_types::Account, crate::Error> {
            let url = format!("{}/v1", self.base_url);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Delete an account.
pub mod delete_account {

    impl crate::Client {
        /// Delete an account.
        ///
        /// Deletes the account. Users of partner companies may delete an account they created
        /// themselves. An account that does not exist is "not found": the call returns `None`.
        pub async fn accounts_delete(&self, account_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}", self.base_url, account_id);
            let mut request = self.http.delete(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            response.error_for_status()?;
            Ok(Some(()))
        }
    }
}
