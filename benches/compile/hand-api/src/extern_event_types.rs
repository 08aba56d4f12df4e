// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// Who may read the user's events, and which of them.
#[cfg(any(feature = "events"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShareEventsRequest {
    /// The integrator's service name, given when the events feed is enabled for it.
    pub subscriber: String,
    /// Which events to share; all of them when absent.
    #[serde(rename = "events-filter", default, skip_serializing_if = "Option::is_none")]
    pub events_filter: Option<EventsFilter>,
}

/// Which docflow types and report forms to share the events of.
#[cfg(any(feature = "events"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventsFilter {
    /// The docflow types, as URNs (`urn:docflow:fns534-report`).
    #[serde(rename = "docflow-types", default, skip_serializing_if = "Option::is_none")]
    pub docflow_types: Option<Vec<String>>,
    /// The report forms, by KND or OKUD.
    #[serde(rename = "document-forms", default, skip_serializing_if = "Option::is_none")]
    pub document_forms: Option<Vec<EventsDocumentForm>>,
}

/// A report form, by its KND (КНД) or its OKUD (ОКУД).
#[cfg(any(feature = "events"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventsDocumentForm {
    /// The form's KND code (КНД), for forms of the tax service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knd: Option<String>,
    /// The form's OKUD code (ОКУД), for forms of the statistics service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub okud: Option<String>,
}
