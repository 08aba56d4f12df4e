// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The feed of docflow events, and the permission to read a user's events (`share` takes the
// account, which `feed` has not, so the group binds nothing).

/// Read the feed of docflow events, a page at a time from an event on.
pub mod get_events {
    use serde::{Deserialize, Serialize};

    /// A page of the events feed. Paging is by cursor: the next page's `fromId` is this page's
    /// `next-event-id`; there is no total.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct EventsPage {
        /// The first event of the page.
        #[serde(rename = "first-event-id", default)]
        pub first_event_id: Option<String>,
        /// Where the feed goes on: the next request's `fromId`. The C# SDK's name; the Java SDK
        /// reads `last-event-id` instead, which the C# model does not have.
        #[serde(rename = "next-event-id", default)]
        pub next_event_id: Option<String>,
        /// The request's `take`.
        #[serde(rename = "requested-count")]
        pub requested_count: i64,
        /// How many events the page holds.
        #[serde(rename = "returned-count")]
        pub returned_count: i64,
        /// The events, oldest first.
        #[serde(rename = "api-events")]
        pub api_events: Vec<ApiEvent>,
        /// Links for working with the page (absent in the Java fixture).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub links: Option<Vec<crate::extern_types::Link>>,
    }

    /// One change in a docflow of a user who shares their events. The ids are GUIDs as text,
    /// strings as the C# SDK reads them (the Java SDK reads UUIDs).
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct ApiEvent {
        /// The event's id (`1_1`, the form of the feed's cursor).
        pub id: String,
        /// The organization's INN (ИНН).
        #[serde(default)]
        pub inn: Option<String>,
        /// The organization's KPP (КПП).
        #[serde(default)]
        pub kpp: Option<String>,
        /// The docflow's type.
        #[serde(rename = "docflow-type")]
        pub docflow_type: crate::extern_types::DocflowType,
        /// The docflow.
        #[serde(rename = "docflow-link", default)]
        pub docflow_link: Option<crate::extern_types::Link>,
        /// What happened, a URN (the docflow's new status, or the new document's type).
        #[serde(rename = "new-state", default)]
        pub new_state: Option<String>,
        /// When the event happened.
        #[serde(rename = "event-date-time")]
        pub event_date_time: chrono::DateTime<chrono::FixedOffset>,
        /// The docflow (absent in the Java fixture).
        #[serde(rename = "docflow-id", default, skip_serializing_if = "Option::is_none")]
        pub docflow_id: Option<String>,
        /// The account of the user the docflow belongs to (absent in the Java fixture).
        #[serde(rename = "account-id", default, skip_serializing_if = "Option::is_none")]
        pub account_id: Option<String>,
        /// The related docflow, if any.
        #[serde(rename = "related-docflow-id", default)]
        pub related_docflow_id: Option<String>,
        /// The document of the related docflow (a demand, a letter or a report), if any.
        #[serde(rename = "related-document-id", default)]
        pub related_document_id: Option<String>,
    }

    impl crate::Client {
        /// Read the feed of docflow events, a page at a time from an event on.
        ///
        /// The events of every user who lets the integrator read them (`share_events`); the integrator
        /// gets access to the feed on request. Start from the zero event (`0_0`, the default) and go
        /// on from each page's `next-event-id`: `items()` on the call streams every event and ends at
        /// a page without events (a reader that has caught up), since the vendor documents no other
        /// end.
        pub async fn events_feed(&self, take: i64, from_id: Option<&str>) -> Result<EventsPage, crate::Error> {
            let url = format!("{}/v1/events", self.base_url);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("take", take.to_string()));
            if let Some(value) = from_id { query.push(("fromId", value.to_string())); }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Let an integrator read the events of the user's docflows.
pub mod share_events {

    impl crate::Client {
        /// Let an integrator read the events of the user's docflows.
        ///
        /// Makes the user a source of the events feed (`get_events`) for the integrator named
        /// `subscriber`, for all the organizations of the account, optionally only for some docflow
        /// types and report forms. Call it as an administrator of the account. An unknown or empty
        /// subscriber is refused with 400.
        ///
        /// The API documents no success status and no body; any success status is taken and nothing
        /// in the answer is read, as the C# SDK reads nothing.
        pub async fn events_share(&self, account_id: uuid::Uuid, body: &crate::extern_event_types::ShareEventsRequest) -> Result<(), crate::Error> {
            let url = format!("{}/v1/{}/share-events", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            response.error_for_status()?;
            Ok(())
        }
    }
}
