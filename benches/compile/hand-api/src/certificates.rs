// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The certificates of an account's users.

/// List the certificates of the account's users (or the caller's), a page at a time.
pub mod list_certificates {
    use serde::{Deserialize, Serialize};

    /// A page of the certificates.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct CertificateList {
        pub certificates: Vec<crate::extern_organization_types::Certificate>,
        /// How many certificates there are.
        #[serde(rename = "total-count")]
        pub total_count: i64,
        pub skip: i64,
        pub take: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub links: Option<Vec<crate::extern_types::Link>>,
    }

    impl crate::Client {
        /// List the certificates of the account's users (or the caller's), a page at a time.
        pub async fn certificates_list(&self, account_id: uuid::Uuid, skip: Option<i64>, take: Option<i64>, for_all_users: Option<bool>) -> Result<CertificateList, crate::Error> {
            let url = format!("{}/v1/{}/certificates", self.base_url, account_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            if let Some(value) = for_all_users { query.push(("forAllUsers", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
