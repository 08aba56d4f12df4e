// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The reports tables of an account's organizations (forms, deadlines, payments, docflows).

/// List the reporting forms of an organization (name, KND, periodicity).
pub mod list_reports_forms {

    impl crate::Client {
        /// List the reporting forms of an organization (name, KND, periodicity).
        pub async fn reports_tables_forms(&self, account_id: uuid::Uuid, organization_id: uuid::Uuid, include_deleted: Option<bool>) -> Result<crate::extern_organization_types::FormsList, crate::Error> {
            let url = format!("{}/v1/{}/reports-tables/{}/forms", self.base_url, account_id, organization_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = include_deleted { query.push(("includeDeleted", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Find the reporting forms with their deadlines and statuses, for several organizations.
pub mod search_reports_tables {

    impl crate::Client {
        /// Find the reporting forms with their deadlines and statuses, for several organizations.
        pub async fn reports_tables_search(&self, account_id: uuid::Uuid, body: &crate::extern_organization_types::SearchReportsRequest) -> Result<crate::extern_organization_types::ReportsTableList, crate::Error> {
            let url = format!("{}/v1/{}/reports-tables/search", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// List the payment orders of organizations, with their periods and deadlines.
pub mod search_payments {

    impl crate::Client {
        /// List the payment orders of organizations, with their periods and deadlines.
        pub async fn reports_tables_payments(&self, account_id: uuid::Uuid, body: &crate::extern_organization_types::SearchPaymentsRequest) -> Result<crate::extern_organization_types::PaymentsList, crate::Error> {
            let url = format!("{}/v1/{}/reports-tables/search-payments", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get the docflows of a reporting form of an organization at a deadline.
pub mod get_report_docflows {

    impl crate::Client {
        /// Get the docflows of a reporting form of an organization at a deadline.
        ///
        /// An unsent report has no docflows (an empty list).
        pub async fn reports_tables_report_docflows(&self, account_id: uuid::Uuid, organization_id: uuid::Uuid, form_id: i64, deadline: chrono::DateTime<chrono::FixedOffset>, period_year: i64, period_number: i64) -> Result<crate::extern_organization_types::ReportsTableDocflows, crate::Error> {
            let url = format!("{}/v1/{}/reports-tables/{}/report-docflows", self.base_url, account_id, organization_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("formId", form_id.to_string()));
            query.push(("deadline", deadline.to_rfc3339()));
            query.push(("periodYear", period_year.to_string()));
            query.push(("periodNumber", period_number.to_string()));
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
