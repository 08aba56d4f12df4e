// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The warrants of an account.

/// List the warrants of an account (the caller's, or every user's), a page at a time.
pub mod list_warrants {
    use serde::{Deserialize, Serialize};

    /// A page of the account's warrants.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct WarrantList {
        pub skip: i64,
        pub take: i64,
        #[serde(rename = "total-count")]
        pub total_count: i64,
        /// The warrants; the C# model lets the list and its elements be null.
        #[serde(default)]
        pub warrants: Option<Vec<Option<crate::extern_organization_types::Warrant>>>,
        /// The account's organizations, each with its warrant if it has one.
        #[serde(rename = "organization-warrant-informations", default)]
        pub organization_warrant_informations: Option<Vec<crate::extern_organization_types::OrganizationWarrantInformation>>,
        #[serde(default)]
        pub links: Option<Vec<crate::extern_types::Link>>,
    }

    impl crate::Client {
        /// List the warrants of an account (the caller's, or every user's), a page at a time.
        pub async fn warrants_list(&self, account_id: uuid::Uuid, skip: Option<i64>, take: Option<i64>, for_all_users: Option<bool>) -> Result<WarrantList, crate::Error> {
            let url = format!("{}/v1/{}/warrants", self.base_url, account_id);
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
