// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// A certificate of a user of the account.
#[cfg(any(feature = "certificates"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Certificate {
    /// The holder's full name.
    pub fio: String,
    /// The INN in the certificate.
    pub inn: String,
    /// The KPP in the certificate.
    #[serde(default)]
    pub kpp: Option<String>,
    /// Whether the certificate is valid now.
    #[serde(rename = "is-valid")]
    pub is_valid: bool,
    /// Whether it is a qualified certificate.
    #[serde(rename = "is-qualified")]
    pub is_qualified: bool,
    /// The certificate (DER), base64 in JSON.
    pub content: String,
    /// The certificate's thumbprint.
    pub thumbprint: String,
    /// When it expires.
    #[serde(rename = "expired-at")]
    pub expired_at: chrono::DateTime<chrono::FixedOffset>,
    #[serde(rename = "serial-number", default)]
    pub serial_number: Option<String>,
}

/// A warrant (доверенность). Its parties (`notary`, `sender`, `issuer`, `trusted-issuer`; the C#
/// classes Notary, WarrantSender, WarrantIssuer, WarrantTrustedIssuer) are kept as JSON here:
/// an approximation, their fields are not modelled.
#[cfg(any(feature = "warrants"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warrant {
    /// When it takes effect.
    #[serde(rename = "date-begin", default)]
    pub date_begin: Option<chrono::NaiveDate>,
    /// When it ends.
    #[serde(rename = "date-end", default)]
    pub date_end: Option<chrono::NaiveDate>,
    /// Its number.
    #[serde(default)]
    pub number: Option<String>,
    /// The representative's powers, by number.
    #[serde(default)]
    pub permissions: Option<Vec<i64>>,
    /// The notary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notary: Option<serde_json::Value>,
    /// The representative it is issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<serde_json::Value>,
    /// The person represented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<serde_json::Value>,
    /// The representative who issued it, when it is a re-delegation.
    #[serde(rename = "trusted-issuer", default, skip_serializing_if = "Option::is_none")]
    pub trusted_issuer: Option<serde_json::Value>,
}

/// An organization of the account and its warrant, if it has one.
#[cfg(any(feature = "warrants"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrganizationWarrantInformation {
    #[serde(rename = "organization-id")]
    pub organization_id: uuid::Uuid,
    pub inn: String,
    #[serde(default)]
    pub kpp: Option<String>,
    #[serde(rename = "organization-name")]
    pub organization_name: String,
    #[serde(default)]
    pub warrant: Option<Warrant>,
}

/// How an organization's SEDO subscription is (C# SubscriptionStatus, in kebab-case).
#[cfg(any(feature = "organizations"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubscriptionStatus {
    #[serde(rename = "subscribed")]
    Subscribed,
    #[serde(rename = "unsubscribed")]
    Unsubscribed,
    #[serde(rename = "subscribe-in-progress")]
    SubscribeInProgress,
    #[serde(rename = "unsubscribe-in-progress")]
    UnsubscribeInProgress,
    #[serde(rename = "subscribe-failed")]
    SubscribeFailed,
    #[serde(rename = "subscribe-without-response")]
    SubscribeWithoutResponse,
    #[serde(rename = "unsubscribe-without-response")]
    UnsubscribeWithoutResponse,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A SEDO (SFR) subscription of an organization.
#[cfg(any(feature = "organizations"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrganizationSedoSubscription {
    #[serde(rename = "is-sfr")]
    pub is_sfr: bool,
    /// The registration number with the SFR.
    #[serde(rename = "registration-number")]
    pub registration_number: String,
    #[serde(rename = "subscription-status")]
    pub subscription_status: SubscriptionStatus,
}

/// A page of an organization's SEDO subscriptions.
#[cfg(any(feature = "organizations"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrganizationSedoSubscriptionResponse {
    pub items: Vec<OrganizationSedoSubscription>,
    #[serde(rename = "total-count")]
    pub total_count: i64,
}

/// How often a form is filed or a payment paid (C# PeriodEnum).
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportsPeriodicity {
    #[serde(rename = "yearly")]
    Yearly,
    #[serde(rename = "quarterly")]
    Quarterly,
    #[serde(rename = "monthly")]
    Monthly,
    #[serde(rename = "twice-a-month")]
    TwiceAMonth,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A form's status at a deadline, as the docs spell it (lines 55-66); the C# SDK's kebab-case
/// (`not-sent-after-deadline`) would read as unknown.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportDeadlineStatus {
    #[serde(rename = "declined")]
    Declined,
    #[serde(rename = "notSentAfterDeadline")]
    NotSentAfterDeadline,
    #[serde(rename = "sentAfterDeadline")]
    SentAfterDeadline,
    #[serde(rename = "acceptedWithWarning")]
    AcceptedWithWarning,
    #[serde(rename = "notSent")]
    NotSent,
    #[serde(rename = "sent")]
    Sent,
    #[serde(rename = "acceptedAfterDeadline")]
    AcceptedAfterDeadline,
    #[serde(rename = "acceptedWithSent")]
    AcceptedWithSent,
    #[serde(rename = "acceptedCustom")]
    AcceptedCustom,
    #[serde(rename = "accepted")]
    Accepted,
    #[serde(rename = "acceptedWithRebuke")]
    AcceptedWithRebuke,
    #[serde(rename = "notRequiredReport")]
    NotRequiredReport,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A reports table docflow's status, as the docs spell it (lines 80-85).
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportDocflowStatus {
    #[serde(rename = "error")]
    Error,
    #[serde(rename = "declined")]
    Declined,
    #[serde(rename = "sent")]
    Sent,
    #[serde(rename = "accepted")]
    Accepted,
    #[serde(rename = "editing")]
    Editing,
    #[serde(rename = "acceptedWithRebuke")]
    AcceptedWithRebuke,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A reporting form.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormInfo {
    #[serde(rename = "form-full-name")]
    pub form_full_name: String,
    #[serde(rename = "form-short-name")]
    pub form_short_name: String,
    #[serde(rename = "form-id")]
    pub form_id: i64,
    /// The form's KND code.
    #[serde(default)]
    pub knd: Option<String>,
    /// The form's OKUD code.
    #[serde(default)]
    pub okud: Option<String>,
    pub periodicity: ReportsPeriodicity,
}

/// The forms of an organization.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormsList {
    pub forms: Vec<FormInfo>,
}

/// A deadline of a form.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeadlineInfo {
    pub deadline: chrono::DateTime<chrono::FixedOffset>,
    #[serde(rename = "period-year")]
    pub period_year: i64,
    #[serde(rename = "period-number")]
    pub period_number: i64,
    #[serde(rename = "period-start", default)]
    pub period_start: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[serde(rename = "period-end", default)]
    pub period_end: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub status: ReportDeadlineStatus,
}

/// A form and its deadlines.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportInfo {
    #[serde(rename = "form-info")]
    pub form_info: FormInfo,
    pub deadlines: Vec<DeadlineInfo>,
}

/// The reports table of one organization.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportsTable {
    #[serde(rename = "organization-id")]
    pub organization_id: uuid::Uuid,
    pub forms: Vec<ReportInfo>,
}

/// Which reports tables to find; unset dates default to three months back and ahead.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchReportsRequest {
    #[serde(rename = "organization-ids", default, skip_serializing_if = "Option::is_none")]
    pub organization_ids: Option<Vec<uuid::Uuid>>,
    #[serde(rename = "date-from", default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[serde(rename = "date-to", default, skip_serializing_if = "Option::is_none")]
    pub date_to: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// How many organizations to skip (0 unless set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<i64>,
    /// How many organizations to return (1000 unless set, at most 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take: Option<i64>,
}

/// The reports tables found (the C# model has no total).
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportsTableList {
    #[serde(rename = "reports-tables")]
    pub reports_tables: Vec<ReportsTable>,
}

/// Which organizations' payments to find; unset dates default to three months back and ahead.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchPaymentsRequest {
    #[serde(rename = "organization-ids", default, skip_serializing_if = "Option::is_none")]
    pub organization_ids: Option<Vec<uuid::Uuid>>,
    /// How many organizations to skip (0 unless set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<i64>,
    /// How many organizations to return (1000 unless set, at most 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take: Option<i64>,
    #[serde(rename = "deadline-from", default, skip_serializing_if = "Option::is_none")]
    pub deadline_from: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[serde(rename = "deadline-to", default, skip_serializing_if = "Option::is_none")]
    pub deadline_to: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// One payment of a payment order in a period.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportsPaymentPeriod {
    pub deadline: chrono::DateTime<chrono::FixedOffset>,
    #[serde(rename = "period-year")]
    pub period_year: i64,
    #[serde(rename = "period-type")]
    pub period_type: ReportsPeriodicity,
    #[serde(rename = "period-number")]
    pub period_number: i64,
    #[serde(rename = "payment-number-in-period", default)]
    pub payment_number_in_period: Option<i64>,
}

/// A payment order of an organization.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentInfo {
    #[serde(rename = "full-name")]
    pub full_name: String,
    #[serde(rename = "short-name")]
    pub short_name: String,
    /// The form's id when it is a form's payment.
    #[serde(rename = "payment-form-id")]
    pub payment_form_id: i64,
    pub periodicity: ReportsPeriodicity,
    #[serde(rename = "payment-periods")]
    pub payment_periods: Vec<ReportsPaymentPeriod>,
}

/// The payment orders of one organization.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrganizationPayments {
    #[serde(rename = "organization-id")]
    pub organization_id: uuid::Uuid,
    pub payments: Vec<PaymentInfo>,
}

/// A page of organizations' payment orders.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentsList {
    pub skip: i64,
    pub take: i64,
    #[serde(rename = "total-count")]
    pub total_count: i64,
    #[serde(rename = "organization-payments")]
    pub organization_payments: Vec<OrganizationPayments>,
}

/// A docflow of a form.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportsTableDocflow {
    #[serde(rename = "docflow-id")]
    pub docflow_id: uuid::Uuid,
    #[serde(rename = "organization-short-name")]
    pub organization_short_name: String,
    pub form: FormInfo,
    /// The inspection's code.
    #[serde(default)]
    pub recipient: Option<String>,
    #[serde(rename = "send-date")]
    pub send_date: chrono::DateTime<chrono::FixedOffset>,
    #[serde(rename = "correction-number", default)]
    pub correction_number: Option<i64>,
    #[serde(rename = "report-status")]
    pub report_status: ReportDocflowStatus,
}

/// The docflows of a form in a period.
#[cfg(any(feature = "reports_tables"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportsTableDocflows {
    pub docflows: Vec<ReportsTableDocflow>,
}
