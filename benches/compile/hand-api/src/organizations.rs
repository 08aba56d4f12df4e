// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The organizations of an account, and their subscriptions with control units.

/// List the organizations of an account, a page at a time, maybe by INN and KPP.
pub mod list_organizations {
    use serde::{Deserialize, Serialize};

    /// A page of the account's organizations.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct OrganizationBatch {
        pub organizations: Vec<crate::extern_types::Organization>,
        /// How many organizations match.
        #[serde(rename = "total-count")]
        pub total_count: i64,
        pub skip: i64,
        pub take: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub links: Option<Vec<crate::extern_types::Link>>,
    }

    impl crate::Client {
        /// List the organizations of an account, a page at a time, maybe by INN and KPP.
        pub async fn organizations_list(&self, account_id: uuid::Uuid, inn: Option<&str>, kpp: Option<&str>, skip: Option<i64>, take: Option<i64>) -> Result<OrganizationBatch, crate::Error> {
            let url = format!("{}/v1/{}/organizations", self.base_url, account_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = inn { query.push(("inn", value.to_string())); }
            if let Some(value) = kpp { query.push(("kpp", value.to_string())); }
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

/// Add an organization to an account.
pub mod create_organization {
    use serde::{Deserialize, Serialize};

    /// The organization to add.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct CreateOrganizationRequest {
        /// INN (ИНН) of the organization; `Inn::new` checks it.
        pub inn: crate::extern_types::Inn,
        /// KPP (КПП), when it has one; `Kpp::new` checks it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kpp: Option<crate::extern_types::Kpp>,
        /// Name of the organization.
        pub name: String,
    }

    impl crate::Client {
        /// Add an organization to an account.
        pub async fn organizations_create(&self, account_id: uuid::Uuid, body: &CreateOrganizationRequest) -> Result<crate::extern_types::Organization, crate::Error> {
            let url = format!("{}/v1/{}/organizations", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get an organization of an account, or learn that there is none with this id.
pub mod get_organization {

    impl crate::Client {
        /// Get an organization of an account, or learn that there is none with this id.
        ///
        /// An organization that does not exist is "not found"; the call returns `None`.
        pub async fn organizations_get(&self, account_id: uuid::Uuid, organization_id: uuid::Uuid) -> Result<Option<crate::extern_types::Organization>, crate::Error> {
            let url = format!("{}/v1/{}/organizations/{}", self.base_url, account_id, organization_id);
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

/// Rename an organization of an account.
pub mod update_organization {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct UpdateOrganizationRequest {
        /// The new name.
        pub name: String,
    }

    impl crate::Client {
        /// Rename an organization of an account.
        pub async fn organizations_update(&self, account_id: uuid::Uuid, organization_id: uuid::Uuid, body: &UpdateOrganizationRequest) -> Result<crate::extern_types::Organization, crate::Error> {
            let url = format!("{}/v1/{}/organizations/{}", self.base_url, account_id, organization_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Delete an organization of an account.
pub mod delete_organization {

    impl crate::Client {
        /// Delete an organization of an account.
        ///
        /// An organization that does not exist is "not found"; the call returns `None`.
        pub async fn organizations_delete(&self, account_id: uuid::Uuid, organization_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/organizations/{}", self.base_url, account_id, organization_id);
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

/// Find an organization's subscriptions with control units (SEDO), a page at a time.
pub mod search_control_unit_subscriptions {
    use serde::{Deserialize, Serialize};

    /// Which subscriptions to find.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct SedoSubscriptionSearchRequest {
        /// The kind of subscription; the C# SDK knows one, `fss-sedo`.
        #[serde(rename = "control-unit-subscription-type")]
        pub control_unit_subscription_type: ControlUnitSubscriptionType,
        /// Only this SFR registration number.
        #[serde(rename = "registration-number", default, skip_serializing_if = "Option::is_none")]
        pub registration_number: Option<String>,
        /// How many subscriptions to skip.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub skip: Option<i64>,
        /// How many subscriptions a page holds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub take: Option<i64>,
    }

    /// The kind of subscription; the C# SDK knows one, `fss-sedo`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ControlUnitSubscriptionType {
        #[serde(rename = "fss-sedo")]
        FssSedo,
        /// A value not listed here, kept as it came.
        #[serde(untagged)]
        Unknown(String),
    }

    impl crate::Client {
        /// Find an organization's subscriptions with control units (SEDO), a page at a time.
        pub async fn organizations_control_unit_subscriptions(&self, account_id: uuid::Uuid, organization_id: uuid::Uuid, body: &SedoSubscriptionSearchRequest) -> Result<crate::extern_organization_types::OrganizationSedoSubscriptionResponse, crate::Error> {
            let url = format!("{}/v1/{}/organizations/{}/control-unit-subscriptions", self.base_url, account_id, organization_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
