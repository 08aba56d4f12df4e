// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// A hypermedia link (HAL-like). Resources carry them in `links`, and some fields are
/// single links (`content-link`, `content.decrypted`). Known `rel` values include `self`,
/// `docflow`, `document`, `organization`, `web-docflow`, `content`, `decrypted-content`,
/// `encrypted-content`, `decrypt-content`, `related-docflow`, `reply`, `send`, `sign`,
/// `next`, `first`, `last`, `task`.
#[cfg(any(feature = "accounts", feature = "docflows", feature = "drafts", feature = "events", feature = "certificates", feature = "warrants", feature = "organizations"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Link {
    /// Absolute URL of the linked resource.
    pub href: url::Url,
    /// The relation of the linked resource to this one (`self`, `docflow`, …).
    pub rel: String,
    /// Name of the link.
    #[serde(default)]
    pub name: Option<String>,
    /// Human-readable title of the link.
    #[serde(default)]
    pub title: Option<String>,
    /// Profile of the linked resource.
    #[serde(default)]
    pub profile: Option<String>,
    /// Whether `href` is a URI template; the C# SDK takes `false` when it is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub templated: Option<bool>,
}

/// A taxpayer number (ИНН): 10 digits for an organization, 12 for a person. The C# SDK checks
/// the same where a caller builds one (`LegalEntityInn`, `^\d{10}$`; `Inn`, `^\d{12}$`).
#[cfg(any(feature = "accounts", feature = "organizations"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Inn(pub String);

/// A tax registration reason code (КПП): 4 digits, 2 digits or capital Latin letters, 3 digits,
/// as the C# SDK's `Kpp` checks it (`^(\d{4})((\d|[A-Z]){2})(\d{3})$`).
#[cfg(any(feature = "accounts", feature = "organizations"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Kpp(pub String);

/// An account (учетная запись) of Kontur.Extern: the head organization and the user's role in it.
///
/// No JSON example of an account is published. The account docs also name `name`,
/// `abonent-Id` (so spelled; read here as `abonent-id`, which the C# SDK reads) and the
/// permission flags `has-web-access`, `is-demand-recipient` and `can-add-organizations`, in
/// prose only and without showing where they travel; those are not modelled here (a decoder
/// ignores keys it does not know).
#[cfg(any(feature = "accounts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    /// Account id.
    pub id: uuid::Uuid,
    /// INN (ИНН) of the head organization.
    pub inn: String,
    /// KPP (КПП) of the head organization, when it has one.
    #[serde(default)]
    pub kpp: Option<String>,
    /// Name of the head organization.
    #[serde(rename = "organization-name")]
    pub organization_name: String,
    /// The product the user may work with; marked obsolete in the C# SDK in favour of `products`.
    #[serde(rename = "product-name", default)]
    pub product_name: Option<String>,
    /// The Kontur products of the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<Product>>,
    /// The user's role in this account (administrator, user, director).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AccountRole>,
    /// Links for working with the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    /// Id of the group of accounts (абонент) this account belongs to.
    #[serde(rename = "abonent-id", alias = "abonent-Id", default)]
    pub abonent_id: Option<uuid::Uuid>,
}

/// A Kontur product of an account.
#[cfg(any(feature = "accounts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Product {
    /// Product name.
    pub name: String,
}

/// A user's role in an account. The C# SDK keeps it as a plain string; the values are those of
/// the Java SDK's `ExternUserRole`.
#[cfg(any(feature = "accounts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountRole {
    #[serde(rename = "user")]
    User,
    #[serde(rename = "admin")]
    Admin,
    #[serde(rename = "director")]
    Director,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A docflow (документооборот) with its documents: the body of `GET /v1/{accountId}/docflows/{docflowId}`.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Docflow {
    /// Docflow id.
    pub id: uuid::Uuid,
    /// Id of the organization the docflow belongs to.
    #[serde(rename = "organization-id")]
    pub organization_id: uuid::Uuid,
    /// Docflow status.
    pub status: DocflowStatus,
    /// Whether the report was accepted (the state of the receipt). Present in every published
    /// example; optional here because nothing says every docflow type has one.
    #[serde(rename = "success-state", default, skip_serializing_if = "Option::is_none")]
    pub success_state: Option<DocflowState>,
    /// Type-specific properties of the docflow, chosen by `type`.
    #[serde(flatten)]
    pub description: DocflowDescription,
    /// The documents created in the docflow so far.
    pub documents: Vec<Document>,
    /// Links for working with the docflow.
    pub links: Vec<Link>,
    /// When an outgoing docflow was sent or an incoming one received. The documented example
    /// has no UTC offset here (`2020-02-26T09:51:08.4636938`). Every published example has
    /// it; optional as a precaution.
    #[serde(rename = "send-date", default, skip_serializing_if = "Option::is_none")]
    pub send_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// When the docflow last changed.
    #[serde(rename = "last-change-date", default)]
    pub last_change_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Technical id of the abonent; the C# SDK reads it, the published examples lack it.
    #[serde(rename = "abonent-id", default, skip_serializing_if = "Option::is_none")]
    pub abonent_id: Option<uuid::Uuid>,
    /// Technical id of the Kontur.Extern user; the C# SDK reads it, the published examples lack it.
    #[serde(rename = "extern-user-id", default, skip_serializing_if = "Option::is_none")]
    pub extern_user_id: Option<uuid::Uuid>,
}

/// A docflow as `GET /v1/{accountId}/docflows` lists it (`docflows-page-item`): the fields
/// of `Docflow` without `documents`.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocflowPageItem {
    /// Docflow id.
    pub id: uuid::Uuid,
    /// Id of the organization the docflow belongs to.
    #[serde(rename = "organization-id")]
    pub organization_id: uuid::Uuid,
    /// Docflow status.
    pub status: DocflowStatus,
    /// Whether the report was accepted (the state of the receipt).
    #[serde(rename = "success-state", default, skip_serializing_if = "Option::is_none")]
    pub success_state: Option<DocflowState>,
    /// Type-specific properties of the docflow, chosen by `type`.
    #[serde(flatten)]
    pub description: DocflowDescription,
    /// Links for working with the docflow.
    pub links: Vec<Link>,
    /// When an outgoing docflow was sent or an incoming one received.
    #[serde(rename = "send-date", default, skip_serializing_if = "Option::is_none")]
    pub send_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// When the docflow last changed.
    #[serde(rename = "last-change-date", default)]
    pub last_change_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Technical id of the abonent; the C# SDK reads it.
    #[serde(rename = "abonent-id", default, skip_serializing_if = "Option::is_none")]
    pub abonent_id: Option<uuid::Uuid>,
    /// Technical id of the Kontur.Extern user; the C# SDK reads it.
    #[serde(rename = "extern-user-id", default, skip_serializing_if = "Option::is_none")]
    pub extern_user_id: Option<uuid::Uuid>,
}

/// A page of docflows: the body of the docflow lists that filter as the search does (related
/// docflows, inventory docflows) and of the search itself (docflow-page.yaml).
/// Sources: cs: src/Kontur.Extern.Api.Client/ApiLevel/Models/Responses/Docflows/DocflowPage.cs.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocflowPage {
    /// How many docflows were skipped.
    pub skip: i64,
    /// How many docflows this page returns.
    pub take: i64,
    /// How many docflows match in all.
    #[serde(rename = "total-count")]
    pub total_count: i64,
    /// The docflows of this page.
    #[serde(rename = "docflows-page-item")]
    pub docflows_page_item: Vec<DocflowPageItem>,
}

/// Docflow type URNs: every type of the C# SDK's `DocflowType`, plus
/// `urn:docflow:fss-sedo-proactive-process-events-notification` and `urn:docflow:mvd-notification`
/// from the docs' table of docflow types. The API adds types over time; others arrive as `Unknown`.
/// Searching docflows without a `type` filter leaves some types out (see the search endpoint).
#[cfg(any(feature = "docflows", feature = "drafts", feature = "events"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocflowType {
    #[serde(rename = "urn:docflow:fns534-report")]
    UrnDocflowFns534Report,
    #[serde(rename = "urn:docflow:fns534-ion")]
    UrnDocflowFns534Ion,
    #[serde(rename = "urn:docflow:fns534-letter")]
    UrnDocflowFns534Letter,
    #[serde(rename = "urn:docflow:fns534-cu-letter")]
    UrnDocflowFns534CuLetter,
    #[serde(rename = "urn:docflow:fns534-cu-broadcast")]
    UrnDocflowFns534CuBroadcast,
    #[serde(rename = "urn:docflow:fns534-submission")]
    UrnDocflowFns534Submission,
    #[serde(rename = "urn:docflow:fns534-inventory")]
    UrnDocflowFns534Inventory,
    #[serde(rename = "urn:docflow:fns534-demand")]
    UrnDocflowFns534Demand,
    #[serde(rename = "urn:docflow:fns534-application")]
    UrnDocflowFns534Application,
    #[serde(rename = "urn:docflow:business-registration")]
    UrnDocflowBusinessRegistration,
    #[serde(rename = "urn:docflow:pfr-report")]
    UrnDocflowPfrReport,
    #[serde(rename = "urn:docflow:pfr-letter")]
    UrnDocflowPfrLetter,
    #[serde(rename = "urn:docflow:pfr-cu-letter")]
    UrnDocflowPfrCuLetter,
    #[serde(rename = "urn:docflow:pfr-ios")]
    UrnDocflowPfrIos,
    #[serde(rename = "urn:docflow:pfr-ancillary")]
    UrnDocflowPfrAncillary,
    #[serde(rename = "urn:docflow:sfr-report")]
    UrnDocflowSfrReport,
    #[serde(rename = "urn:docflow:stat-report")]
    UrnDocflowStatReport,
    #[serde(rename = "urn:docflow:stat-letter")]
    UrnDocflowStatLetter,
    #[serde(rename = "urn:docflow:stat-cu-letter")]
    UrnDocflowStatCuLetter,
    #[serde(rename = "urn:docflow:stat-cu-broadcast")]
    UrnDocflowStatCuBroadcast,
    #[serde(rename = "urn:docflow:cbrf-report")]
    UrnDocflowCbrfReport,
    #[serde(rename = "urn:docflow:fss-report")]
    UrnDocflowFssReport,
    #[serde(rename = "urn:docflow:oved-confirmation")]
    UrnDocflowOvedConfirmation,
    #[serde(rename = "urn:docflow:fss-sick-report")]
    UrnDocflowFssSickReport,
    #[serde(rename = "urn:docflow:fss-sedo-sick-report-change-notification")]
    UrnDocflowFssSedoSickReportChangeNotification,
    #[serde(rename = "urn:docflow:fss-sedo-pvso-notification")]
    UrnDocflowFssSedoPvsoNotification,
    #[serde(rename = "urn:docflow:fss-sedo-error")]
    UrnDocflowFssSedoError,
    #[serde(rename = "urn:docflow:fss-sedo-abonent-subscription")]
    UrnDocflowFssSedoAbonentSubscription,
    #[serde(rename = "urn:docflow:fss-sedo-provider-subscription")]
    UrnDocflowFssSedoProviderSubscription,
    #[serde(rename = "urn:docflow:fss-sedo-abonent-subscription-result")]
    UrnDocflowFssSedoAbonentSubscriptionResult,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-payments-demand")]
    UrnDocflowFssSedoProactivePaymentsDemand,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-payments-reply")]
    UrnDocflowFssSedoProactivePaymentsReply,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-payments-reply-result")]
    UrnDocflowFssSedoProactivePaymentsReplyResult,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-payments-benefit")]
    UrnDocflowFssSedoProactivePaymentsBenefit,
    #[serde(rename = "urn:docflow:fss-sedo-insured-person-registration")]
    UrnDocflowFssSedoInsuredPersonRegistration,
    #[serde(rename = "urn:docflow:fss-sedo-insured-person-registration-result")]
    UrnDocflowFssSedoInsuredPersonRegistrationResult,
    #[serde(rename = "urn:docflow:fss-sedo-insured-person-mismatch")]
    UrnDocflowFssSedoInsuredPersonMismatch,
    #[serde(rename = "urn:docflow:fss-sedo-benefit-payment-initiation")]
    UrnDocflowFssSedoBenefitPaymentInitiation,
    #[serde(rename = "urn:docflow:fss-sedo-benefit-payment-initiation-result")]
    UrnDocflowFssSedoBenefitPaymentInitiationResult,
    #[serde(rename = "urn:docflow:fss-sedo-demand")]
    UrnDocflowFssSedoDemand,
    #[serde(rename = "urn:docflow:fss-sedo-demand-reply")]
    UrnDocflowFssSedoDemandReply,
    #[serde(rename = "urn:docflow:fss-sedo-billing-information-demand")]
    UrnDocflowFssSedoBillingInformationDemand,
    #[serde(rename = "urn:docflow:fss-sedo-billing-information")]
    UrnDocflowFssSedoBillingInformation,
    #[serde(rename = "urn:docflow:fss-sedo-baby-care-vacation-close-notice")]
    UrnDocflowFssSedoBabyCareVacationCloseNotice,
    #[serde(rename = "urn:docflow:fss-sedo-disability-children-demand")]
    UrnDocflowFssSedoDisabilityChildrenDemand,
    #[serde(rename = "urn:docflow:fss-sedo-benefit-payment-status-notice")]
    UrnDocflowFssSedoBenefitPaymentStatusNotice,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-expire-notice")]
    UrnDocflowFssSedoProactiveExpireNotice,
    #[serde(rename = "urn:docflow:fss-sedo-employee-salary-information")]
    UrnDocflowFssSedoEmployeeSalaryInformation,
    #[serde(rename = "urn:docflow:fss-sedo-appeal-reply")]
    UrnDocflowFssSedoAppealReply,
    #[serde(rename = "urn:docflow:fss-sedo-appeal")]
    UrnDocflowFssSedoAppeal,
    #[serde(rename = "urn:docflow:fss-sedo-oved-confirmation")]
    UrnDocflowFssSedoOvedConfirmation,
    #[serde(rename = "urn:docflow:fss-sedo-broadcast-message")]
    UrnDocflowFssSedoBroadcastMessage,
    #[serde(rename = "urn:docflow:fss-sedo-payment-details-demand")]
    UrnDocflowFssSedoPaymentDetailsDemand,
    #[serde(rename = "urn:docflow:fss-sedo-payment-details-demand-reply")]
    UrnDocflowFssSedoPaymentDetailsDemandReply,
    #[serde(rename = "urn:docflow:fss-sedo-additional-vacation-statement")]
    UrnDocflowFssSedoAdditionalVacationStatement,
    #[serde(rename = "urn:docflow:fss-sedo-additional-vacation-statement-need-doc")]
    UrnDocflowFssSedoAdditionalVacationStatementNeedDoc,
    #[serde(rename = "urn:docflow:fss-sedo-additional-vacation-statement-docs")]
    UrnDocflowFssSedoAdditionalVacationStatementDocs,
    #[serde(rename = "urn:docflow:fss-warrant-management")]
    UrnDocflowFssWarrantManagement,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-salary-notification")]
    UrnDocflowFssSedoProactiveSalaryNotification,
    #[serde(rename = "urn:docflow:fss-sedo-judicial-restriction")]
    UrnDocflowFssSedoJudicialRestriction,
    #[serde(rename = "urn:docflow:fss-sedo-judicial-restriction-reply")]
    UrnDocflowFssSedoJudicialRestrictionReply,
    #[serde(rename = "urn:docflow:fss-sedo-proactive-process-events-notification")]
    UrnDocflowFssSedoProactiveProcessEventsNotification,
    #[serde(rename = "urn:docflow:mvd-notification")]
    UrnDocflowMvdNotification,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// Docflow status URNs (`urn:docflow-common-status:…`).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocflowStatus {
    #[serde(rename = "urn:docflow-common-status:sent")]
    UrnDocflowCommonStatusSent,
    #[serde(rename = "urn:docflow-common-status:delivered")]
    UrnDocflowCommonStatusDelivered,
    #[serde(rename = "urn:docflow-common-status:response-arrived")]
    UrnDocflowCommonStatusResponseArrived,
    #[serde(rename = "urn:docflow-common-status:response-processed")]
    UrnDocflowCommonStatusResponseProcessed,
    #[serde(rename = "urn:docflow-common-status:finished")]
    UrnDocflowCommonStatusFinished,
    #[serde(rename = "urn:docflow-common-status:received")]
    UrnDocflowCommonStatusReceived,
    #[serde(rename = "urn:docflow-common-status:arrived")]
    UrnDocflowCommonStatusArrived,
    #[serde(rename = "urn:docflow-common-status:processed")]
    UrnDocflowCommonStatusProcessed,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// Docflow state URNs (`urn:docflow-state:…`): `neutral` while the final receipt is awaited,
/// `successful`, `failed` (error or refusal; resend), `warning` (accepted, but the authority
/// asks for a correction).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocflowState {
    #[serde(rename = "urn:docflow-state:neutral")]
    UrnDocflowStateNeutral,
    #[serde(rename = "urn:docflow-state:successful")]
    UrnDocflowStateSuccessful,
    #[serde(rename = "urn:docflow-state:failed")]
    UrnDocflowStateFailed,
    #[serde(rename = "urn:docflow-state:warning")]
    UrnDocflowStateWarning,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// Type-specific properties of a docflow, selected by the docflow's `type` (a sibling of
/// `description`), as the C# SDK's `DocflowDescriptionTypes` maps them. Only FNS types are
/// modelled; the description of any other type is kept as JSON in `Unknown`.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", content = "description")]
pub enum DocflowDescription {
    /// A tax return, accounting report or 2-NDFL (`urn:docflow:fns534-report`).
    #[serde(rename = "urn:docflow:fns534-report")]
    Report(ReportDescription),
    /// An information request to the tax service (ИОН).
    #[serde(rename = "urn:docflow:fns534-ion")]
    Ion(IonDescription),
    /// A letter to the tax service.
    #[serde(rename = "urn:docflow:fns534-letter")]
    Letter(LetterDescription),
    /// A letter from the tax service.
    #[serde(rename = "urn:docflow:fns534-cu-letter")]
    CuLetter(CuLetterDescription),
    /// A mass mailing from the tax service.
    #[serde(rename = "urn:docflow:fns534-cu-broadcast")]
    CuBroadcast(CuLetterBroadcastDescription),
    /// A submission of separate documents, or an inventory answering a demand.
    #[serde(rename = "urn:docflow:fns534-submission", alias = "urn:docflow:fns534-inventory")]
    Submission(SubmissionDescription),
    /// An application about imported goods and indirect taxes.
    #[serde(rename = "urn:docflow:fns534-application")]
    Application(ApplicationDescription),
    /// A demand (требование) from the tax service.
    #[serde(rename = "urn:docflow:fns534-demand")]
    Demand(DemandDescription),
    /// A kind not listed here.
    #[serde(other)]
    Unknown,
}

/// Requisites of a docflow, common to every description.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocflowRequisites {
    /// The comment on the docflow.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// A comment on a docflow or document, shown in the Kontur.Extern web interface.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comment {
    /// Comment text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Comment color in the web interface (`none` shows as blue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<CommentColor>,
}

/// Comment colors (the C# enum `CommentColor`, in kebab-case).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommentColor {
    #[serde(rename = "none")]
    None,
    #[serde(rename = "red")]
    Red,
    #[serde(rename = "violet")]
    Violet,
    #[serde(rename = "gray")]
    Gray,
    #[serde(rename = "yellow")]
    Yellow,
    #[serde(rename = "green")]
    Green,
    #[serde(rename = "blue")]
    Blue,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// The version of a document form.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormVersion {
    /// KND (КНД), the tax form code.
    #[serde(default)]
    pub knd: Option<String>,
    /// OKUD (ОКУД), the statistics form code.
    #[serde(default)]
    pub okud: Option<String>,
    /// Unique id of the form in Kontur.Extern.
    #[serde(default)]
    pub version: Option<String>,
    /// Full name of the form.
    #[serde(rename = "form-fullname", default)]
    pub form_fullname: Option<String>,
    /// Short name of the form.
    #[serde(rename = "form-shortname", default)]
    pub form_shortname: Option<String>,
}

/// Description of a `urn:docflow:fns534-report` docflow (C# `ReportDescription`). The
/// required fields are those of the documented GET Docflow example.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportDescription {
    /// The version of the report's form.
    #[serde(rename = "form-version")]
    pub form_version: FormVersion,
    /// Code of the tax office the report is addressed to.
    pub recipient: String,
    /// Code of the final tax office (when the report is forwarded through an MRI).
    #[serde(rename = "final-recipient")]
    pub final_recipient: String,
    /// Correction number (0 for the original report).
    #[serde(rename = "correction-number")]
    pub correction_number: i64,
    /// Start of the reporting period. A date, sent as midnight without offset
    /// (`2012-01-01T00:00:00.0000000`); the C# SDK reads it as a `DateOnly`, and so does
    /// `date`.
    #[serde(rename = "period-begin")]
    pub period_begin: chrono::NaiveDate,
    /// End of the reporting period; a date, sent as midnight without offset.
    #[serde(rename = "period-end")]
    pub period_end: chrono::NaiveDate,
    /// Reporting period code.
    #[serde(rename = "period-code")]
    pub period_code: String,
    /// INN-KPP of the organization, or INN of the entrepreneur, the report is sent for.
    #[serde(rename = "payer-inn")]
    pub payer_inn: String,
    /// INN from the report. In the C# model; absent from the documented example.
    #[serde(rename = "report-inn", default, skip_serializing_if = "Option::is_none")]
    pub report_inn: Option<String>,
    /// KPP from the report. In the C# model; absent from the documented example.
    #[serde(rename = "report-kpp", default, skip_serializing_if = "Option::is_none")]
    pub report_kpp: Option<String>,
    /// Id of the docflow this report answers.
    #[serde(rename = "related-docflow-id", default)]
    pub related_docflow_id: Option<uuid::Uuid>,
    /// Id of the document (demand, letter or report) in the related docflow.
    #[serde(rename = "related-document-id", default)]
    pub related_document_id: Option<uuid::Uuid>,
    /// OKTMO (ОКТМО).
    #[serde(default)]
    pub oktmo: Option<String>,
    /// Code of the reorganization form.
    #[serde(rename = "reorganization-form", default)]
    pub reorganization_form: Option<String>,
    /// INN of the reorganized organization, from the report.
    #[serde(rename = "reorganization-inn", default)]
    pub reorganization_inn: Option<String>,
    /// KPP of the reorganized organization, from the report.
    #[serde(rename = "reorganization-kpp", default)]
    pub reorganization_kpp: Option<String>,
    /// Payment periods by KBK. Only in the vendor's OpenAPI export (the Postman collections),
    /// not in the C# model.
    #[serde(rename = "payment-periods", default)]
    pub payment_periods: Option<Vec<PaymentPeriods>>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// The periods of one KBK in a report's `payment-periods` (shape from the OpenAPI export only).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentPeriods {
    /// KBK (КБК), the budget classification code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kbk: Option<String>,
    /// The periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<Vec<PaymentPeriod>>,
}

/// A payment period (shape from the OpenAPI export only; every value a string there).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentPeriod {
    /// Period code.
    #[serde(rename = "period-code", default, skip_serializing_if = "Option::is_none")]
    pub period_code: Option<String>,
    /// Month or quarter number.
    #[serde(rename = "month-or-quarter-number", default, skip_serializing_if = "Option::is_none")]
    pub month_or_quarter_number: Option<String>,
    /// Year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
}

/// Description of a `urn:docflow:fns534-ion` docflow (C# `IonDescription`). No example is
/// published, so every field is optional.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IonDescription {
    /// The version of the request's form.
    #[serde(rename = "form-version", default, skip_serializing_if = "Option::is_none")]
    pub form_version: Option<FormVersion>,
    /// INN-KPP of the organization, or INN of the entrepreneur, the request is sent for.
    #[serde(rename = "payer-inn", default, skip_serializing_if = "Option::is_none")]
    pub payer_inn: Option<String>,
    /// Code of the tax office the request is addressed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Code of the final tax office (when forwarded through an MRI).
    #[serde(rename = "final-recipient", default)]
    pub final_recipient: Option<String>,
    /// Kind of ION request.
    #[serde(rename = "service-code", default, skip_serializing_if = "Option::is_none")]
    pub service_code: Option<String>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Description of a `urn:docflow:fns534-letter` docflow (C# `LetterDescription`; `cu` only in
/// the OpenAPI export). No example is published, so every field is optional.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LetterDescription {
    /// Code of the tax office (OpenAPI export only).
    #[serde(default)]
    pub cu: Option<String>,
    /// Code of the final tax office (when forwarded through an MRI).
    #[serde(rename = "final-recipient", default, skip_serializing_if = "Option::is_none")]
    pub final_recipient: Option<String>,
    /// Code of the tax office the letter is addressed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Subject of the letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// INN-KPP of the organization, or INN of the entrepreneur, sending the letter.
    #[serde(rename = "sender-inn", default, skip_serializing_if = "Option::is_none")]
    pub sender_inn: Option<String>,
    /// Id of the docflow the letter refers to.
    #[serde(rename = "related-docflow-id", default)]
    pub related_docflow_id: Option<uuid::Uuid>,
    /// Id of the document in the related docflow the letter refers to.
    #[serde(rename = "related-document-id", default)]
    pub related_document_id: Option<uuid::Uuid>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Description of a `urn:docflow:fns534-cu-letter` docflow (C# `CuLetterDescription`). No
/// example is published, so every field is optional.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CuLetterDescription {
    /// Code of the tax office the letter came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cu: Option<String>,
    /// Subject of the letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// INN-KPP of the organization, or INN of the entrepreneur, the letter is addressed to.
    #[serde(rename = "recipient-inn", default, skip_serializing_if = "Option::is_none")]
    pub recipient_inn: Option<String>,
    /// Id of the docflow the letter refers to.
    #[serde(rename = "related-docflow-id", default)]
    pub related_docflow_id: Option<uuid::Uuid>,
    /// Id of the document in the related docflow the letter refers to.
    #[serde(rename = "related-document-id", default)]
    pub related_document_id: Option<uuid::Uuid>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Description of a `urn:docflow:fns534-cu-broadcast` docflow (C# `CuLetterBroadcastDescription`).
/// No example is published, so every field is optional.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CuLetterBroadcastDescription {
    /// Code of the tax office the mailing came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cu: Option<String>,
    /// Subject of the mailing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Description of a `urn:docflow:fns534-submission` or `urn:docflow:fns534-inventory` docflow
/// (C# `SubmissionDescription`; `feature-message` and `warrant-id` only in the OpenAPI export).
/// No example is published, so every field is optional.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmissionDescription {
    /// The version of the document's form.
    #[serde(rename = "form-version", default, skip_serializing_if = "Option::is_none")]
    pub form_version: Option<FormVersion>,
    /// INN-KPP of the organization, or INN of the entrepreneur, the submission is sent for.
    #[serde(rename = "payer-inn", default, skip_serializing_if = "Option::is_none")]
    pub payer_inn: Option<String>,
    /// Code of the tax office the submission is addressed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Code of the final tax office (when forwarded through an MRI).
    #[serde(rename = "final-recipient", default)]
    pub final_recipient: Option<String>,
    /// OGRN (ОГРН).
    #[serde(default)]
    pub ogrn: Option<String>,
    /// INN from the submission.
    #[serde(rename = "report-inn", default)]
    pub report_inn: Option<String>,
    /// KPP from the submission.
    #[serde(rename = "report-kpp", default)]
    pub report_kpp: Option<String>,
    /// Start of the reporting period (a date; see `ReportDescription.period-begin`).
    #[serde(rename = "period-begin", default, skip_serializing_if = "Option::is_none")]
    pub period_begin: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// End of the reporting period (a date).
    #[serde(rename = "period-end", default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Id of the docflow this submission answers.
    #[serde(rename = "related-docflow-id", default)]
    pub related_docflow_id: Option<uuid::Uuid>,
    /// Id of the document in the related docflow this submission answers.
    #[serde(rename = "related-document-id", default)]
    pub related_document_id: Option<uuid::Uuid>,
    /// OKTMO (ОКТМО).
    #[serde(default)]
    pub oktmo: Option<String>,
    /// In the OpenAPI export only, which does not describe it.
    #[serde(rename = "feature-message", default)]
    pub feature_message: Option<String>,
    /// In the OpenAPI export only, which does not describe it.
    #[serde(rename = "warrant-id", default)]
    pub warrant_id: Option<String>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Description of a `urn:docflow:fns534-application` docflow (C# `ApplicationDescription`). No
/// example is published, so every field is optional.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicationDescription {
    /// The version of the application's form.
    #[serde(rename = "form-version", default, skip_serializing_if = "Option::is_none")]
    pub form_version: Option<FormVersion>,
    /// INN-KPP of the organization, or INN of the entrepreneur, the application is sent for.
    #[serde(rename = "payer-inn", default, skip_serializing_if = "Option::is_none")]
    pub payer_inn: Option<String>,
    /// Code of the tax office the application is addressed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Code of the final tax office (when forwarded through an MRI).
    #[serde(rename = "final-recipient", default, skip_serializing_if = "Option::is_none")]
    pub final_recipient: Option<String>,
    /// Number of the application.
    #[serde(rename = "document-number", default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// INN from the application.
    #[serde(rename = "report-inn", default, skip_serializing_if = "Option::is_none")]
    pub report_inn: Option<String>,
    /// KPP from the application.
    #[serde(rename = "report-kpp", default, skip_serializing_if = "Option::is_none")]
    pub report_kpp: Option<String>,
    /// OKTMO (ОКТМО).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oktmo: Option<String>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Description of a `urn:docflow:fns534-demand` docflow (C# `DemandDescription`). No example is
/// published, so every field is optional. The OpenAPI export types the dates as plain
/// strings; the C# SDK reads them as dates (`DateOnly`), which Kontur sends as midnight
/// without offset elsewhere, hence `datetime`.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemandDescription {
    /// Number of attachments.
    #[serde(rename = "attachments-count", default, skip_serializing_if = "Option::is_none")]
    pub attachments_count: Option<i64>,
    /// The versions of the demand's forms.
    #[serde(rename = "form-versions", default, skip_serializing_if = "Option::is_none")]
    pub form_versions: Option<Vec<FormVersion>>,
    /// INN-KPP of the organization, or INN of the entrepreneur, the demand is addressed to.
    #[serde(rename = "payer-inn", default, skip_serializing_if = "Option::is_none")]
    pub payer_inn: Option<String>,
    /// Code of the tax office the demand came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cu: Option<String>,
    /// Code of the tax office the demand passed through (when forwarded through an MRI).
    #[serde(rename = "transit-cu", default)]
    pub transit_cu: Option<String>,
    /// File name of the report the demand refers to (a demand on a tax return).
    #[serde(rename = "sent-on-report-filename", default)]
    pub sent_on_report_filename: Option<String>,
    /// Status of the receipt.
    #[serde(rename = "receipt-status", default)]
    pub receipt_status: Option<ReceiptStatus>,
    /// Deadline for sending the receipt.
    #[serde(rename = "receipt-deadline-date", default)]
    pub receipt_deadline_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// When the receipt was sent.
    #[serde(rename = "receipt-date", default)]
    pub receipt_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Deadline for answering the demand.
    #[serde(rename = "reply-deadline-date", default)]
    pub reply_deadline_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Status of the answer sent to the demand.
    #[serde(rename = "replies-status", default)]
    pub replies_status: Option<DemandRepliesStatus>,
    /// Id of the draft the docflow was created from, if it was created through the API.
    #[serde(rename = "original-draft-id", default)]
    pub original_draft_id: Option<uuid::Uuid>,
    /// Requisites of the docflow.
    #[serde(default)]
    pub requisites: Option<DocflowRequisites>,
}

/// Status of a demand's receipt (the C# enum `ReceiptStatus`, in kebab-case; its `unknown`
/// arrives as `Unknown`).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReceiptStatus {
    #[serde(rename = "waiting")]
    Waiting,
    #[serde(rename = "accepted")]
    Accepted,
    #[serde(rename = "rejected")]
    Rejected,
    #[serde(rename = "warning")]
    Warning,
    #[serde(rename = "accepted-deferred")]
    AcceptedDeferred,
    #[serde(rename = "accepted-by-cu")]
    AcceptedByCu,
    #[serde(rename = "rejected-by-cu")]
    RejectedByCu,
    #[serde(rename = "denial-accepted-by-cu")]
    DenialAcceptedByCu,
    #[serde(rename = "denial-rejected-by-cu")]
    DenialRejectedByCu,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// Status of the answer to a demand (the C# enum `DemandRepliesStatus`, in kebab-case; its
/// `unknown` arrives as `Unknown`).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DemandRepliesStatus {
    #[serde(rename = "not-required")]
    NotRequired,
    #[serde(rename = "not-sent")]
    NotSent,
    #[serde(rename = "in-progress")]
    InProgress,
    #[serde(rename = "accepted")]
    Accepted,
    #[serde(rename = "declined")]
    Declined,
    #[serde(rename = "ready-to-send")]
    ReadyToSend,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A document of a docflow, with its description, contents and signatures.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Document id.
    pub id: uuid::Uuid,
    /// What the document is.
    pub description: DocumentDescription,
    /// Where the document's content is.
    #[serde(default)]
    pub content: Option<DocumentContent>,
    /// When the document was sent.
    #[serde(rename = "send-date", default)]
    pub send_date: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// The document's signatures (may be empty).
    pub signatures: Vec<Signature>,
    /// Links for working with the document.
    pub links: Vec<Link>,
}

/// The description of a document (C# `DocflowDocumentDescriptionBase`).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentDescription {
    /// Document type.
    pub r#type: DocumentType,
    /// File name.
    #[serde(default)]
    pub filename: Option<String>,
    /// Media type of the content (`application/xml`).
    #[serde(rename = "content-type", default)]
    pub content_type: Option<String>,
    /// Size in bytes of the decrypted content, if there is one.
    #[serde(rename = "decrypted-content-size", default)]
    pub decrypted_content_size: Option<i64>,
    /// Size in bytes of the encrypted content, if there is one.
    #[serde(rename = "encrypted-content-size", default)]
    pub encrypted_content_size: Option<i64>,
    /// Whether the content is compressed.
    pub compressed: bool,
    /// Document requisites. Their shape depends on the document type (demand attachment,
    /// PFR report, business registration, SEDO demand reply result, or none of those), so
    /// they are kept as JSON; the documented example has `{}`.
    #[serde(default)]
    pub requisites: Option<serde_json::Value>,
    /// Number of related docflows.
    #[serde(rename = "related-docflows-count", default)]
    pub related_docflows_count: Option<i64>,
    /// Whether the document can be recognized.
    #[serde(rename = "support-recognition")]
    pub support_recognition: bool,
    /// The certificates the document was encrypted for (may be empty).
    #[serde(rename = "encrypted-certificates")]
    pub encrypted_certificates: Vec<EncryptedCertificate>,
    /// Whether the document can be printed.
    #[serde(rename = "support-print", default)]
    pub support_print: Option<SupportPrint>,
}

/// Document type URNs (`urn:document:…`). Listed: the FNS ones of the C# SDK's `DocumentType`
/// (its file `DocumentType.Fns.cs`); documents of other authorities (PFR, SFR, FSS,
/// Rosstat, CBRF) arrive as `Unknown`.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentType {
    #[serde(rename = "urn:document:error")]
    UrnDocumentError,
    #[serde(rename = "urn:document:error-description-for-abonent")]
    UrnDocumentErrorDescriptionForAbonent,
    #[serde(rename = "urn:document:fns534-report")]
    UrnDocumentFns534Report,
    #[serde(rename = "urn:document:fns534-report-description")]
    UrnDocumentFns534ReportDescription,
    #[serde(rename = "urn:document:fns534-report-warrant")]
    UrnDocumentFns534ReportWarrant,
    #[serde(rename = "urn:document:fns534-report-date-confirmation")]
    UrnDocumentFns534ReportDateConfirmation,
    #[serde(rename = "urn:document:fns534-report-acceptance-result-positive")]
    UrnDocumentFns534ReportAcceptanceResultPositive,
    #[serde(rename = "urn:document:fns534-report-acceptance-result-negative")]
    UrnDocumentFns534ReportAcceptanceResultNegative,
    #[serde(rename = "urn:document:fns534-report-processing-result-ok")]
    UrnDocumentFns534ReportProcessingResultOk,
    #[serde(rename = "urn:document:fns534-report-processing-result-precise")]
    UrnDocumentFns534ReportProcessingResultPrecise,
    #[serde(rename = "urn:document:fns534-report-receipt")]
    UrnDocumentFns534ReportReceipt,
    #[serde(rename = "urn:document:fns534-report-acceptance-result-2ndfl-protocol")]
    UrnDocumentFns534ReportAcceptanceResult2ndflProtocol,
    #[serde(rename = "urn:document:fns534-report-acceptance-result-2ndfl-registry")]
    UrnDocumentFns534ReportAcceptanceResult2ndflRegistry,
    #[serde(rename = "urn:document:fns534-report-attachment")]
    UrnDocumentFns534ReportAttachment,
    #[serde(rename = "urn:document:fns534-ion-request")]
    UrnDocumentFns534IonRequest,
    #[serde(rename = "urn:document:fns534-ion-date-confirmation")]
    UrnDocumentFns534IonDateConfirmation,
    #[serde(rename = "urn:document:fns534-ion-description")]
    UrnDocumentFns534IonDescription,
    #[serde(rename = "urn:document:fns534-ion-acceptance-result-positive")]
    UrnDocumentFns534IonAcceptanceResultPositive,
    #[serde(rename = "urn:document:fns534-ion-acceptance-result-negative")]
    UrnDocumentFns534IonAcceptanceResultNegative,
    #[serde(rename = "urn:document:fns534-ion-response")]
    UrnDocumentFns534IonResponse,
    #[serde(rename = "urn:document:fns534-ion-warrant")]
    UrnDocumentFns534IonWarrant,
    #[serde(rename = "urn:document:fns534-ion-receipt")]
    UrnDocumentFns534IonReceipt,
    #[serde(rename = "urn:document:fns534-letter")]
    UrnDocumentFns534Letter,
    #[serde(rename = "urn:document:fns534-letter-description")]
    UrnDocumentFns534LetterDescription,
    #[serde(rename = "urn:document:fns534-letter-attachment")]
    UrnDocumentFns534LetterAttachment,
    #[serde(rename = "urn:document:fns534-letter-date-confirmation")]
    UrnDocumentFns534LetterDateConfirmation,
    #[serde(rename = "urn:document:fns534-letter-decline-notice")]
    UrnDocumentFns534LetterDeclineNotice,
    #[serde(rename = "urn:document:fns534-letter-receipt")]
    UrnDocumentFns534LetterReceipt,
    #[serde(rename = "urn:document:fns534-letter-warrant")]
    UrnDocumentFns534LetterWarrant,
    #[serde(rename = "urn:document:fns534-cu-letter")]
    UrnDocumentFns534CuLetter,
    #[serde(rename = "urn:document:fns534-cu-letter-description")]
    UrnDocumentFns534CuLetterDescription,
    #[serde(rename = "urn:document:fns534-cu-letter-attachment")]
    UrnDocumentFns534CuLetterAttachment,
    #[serde(rename = "urn:document:fns534-cu-letter-date-confirmation")]
    UrnDocumentFns534CuLetterDateConfirmation,
    #[serde(rename = "urn:document:fns534-cu-letter-receipt")]
    UrnDocumentFns534CuLetterReceipt,
    #[serde(rename = "urn:document:fns534-submission-message")]
    UrnDocumentFns534SubmissionMessage,
    #[serde(rename = "urn:document:fns534-submission-description")]
    UrnDocumentFns534SubmissionDescription,
    #[serde(rename = "urn:document:fns534-submission-attachment")]
    UrnDocumentFns534SubmissionAttachment,
    #[serde(rename = "urn:document:fns534-submission-warrant")]
    UrnDocumentFns534SubmissionWarrant,
    #[serde(rename = "urn:document:fns534-submission-date-confirmation")]
    UrnDocumentFns534SubmissionDateConfirmation,
    #[serde(rename = "urn:document:fns534-submission-receipt")]
    UrnDocumentFns534SubmissionReceipt,
    #[serde(rename = "urn:document:fns534-submission-acceptance-result-positive")]
    UrnDocumentFns534SubmissionAcceptanceResultPositive,
    #[serde(rename = "urn:document:fns534-submission-acceptance-result-negative")]
    UrnDocumentFns534SubmissionAcceptanceResultNegative,
    #[serde(rename = "urn:document:fns534-demand")]
    UrnDocumentFns534Demand,
    #[serde(rename = "urn:document:fns534-demand-description")]
    UrnDocumentFns534DemandDescription,
    #[serde(rename = "urn:document:fns534-demand-attachment")]
    UrnDocumentFns534DemandAttachment,
    #[serde(rename = "urn:document:fns534-demand-date-confirmation")]
    UrnDocumentFns534DemandDateConfirmation,
    #[serde(rename = "urn:document:fns534-demand-receipt")]
    UrnDocumentFns534DemandReceipt,
    #[serde(rename = "urn:document:fns534-demand-acceptance-result-negative")]
    UrnDocumentFns534DemandAcceptanceResultNegative,
    #[serde(rename = "urn:document:fns534-demand-acceptance-result-positive")]
    UrnDocumentFns534DemandAcceptanceResultPositive,
    #[serde(rename = "urn:document:fns534-inventory-message")]
    UrnDocumentFns534InventoryMessage,
    #[serde(rename = "urn:document:fns534-inventory-description")]
    UrnDocumentFns534InventoryDescription,
    #[serde(rename = "urn:document:fns534-inventory-attachment")]
    UrnDocumentFns534InventoryAttachment,
    #[serde(rename = "urn:document:fns534-inventory-warrant")]
    UrnDocumentFns534InventoryWarrant,
    #[serde(rename = "urn:document:fns534-inventory-date-confirmation")]
    UrnDocumentFns534InventoryDateConfirmation,
    #[serde(rename = "urn:document:fns534-inventory-receipt")]
    UrnDocumentFns534InventoryReceipt,
    #[serde(rename = "urn:document:fns534-inventory-acceptance-result-positive")]
    UrnDocumentFns534InventoryAcceptanceResultPositive,
    #[serde(rename = "urn:document:fns534-inventory-acceptance-result-negative")]
    UrnDocumentFns534InventoryAcceptanceResultNegative,
    #[serde(rename = "urn:document:fns534-application")]
    UrnDocumentFns534Application,
    #[serde(rename = "urn:document:fns534-application-description")]
    UrnDocumentFns534ApplicationDescription,
    #[serde(rename = "urn:document:fns534-application-warrant")]
    UrnDocumentFns534ApplicationWarrant,
    #[serde(rename = "urn:document:fns534-application-date-confirmation")]
    UrnDocumentFns534ApplicationDateConfirmation,
    #[serde(rename = "urn:document:fns534-application-acceptance-result-negative")]
    UrnDocumentFns534ApplicationAcceptanceResultNegative,
    #[serde(rename = "urn:document:fns534-application-acceptance-result-positive")]
    UrnDocumentFns534ApplicationAcceptanceResultPositive,
    #[serde(rename = "urn:document:fns534-application-receipt")]
    UrnDocumentFns534ApplicationReceipt,
    #[serde(rename = "urn:document:fns534-application-processing-result-positive")]
    UrnDocumentFns534ApplicationProcessingResultPositive,
    #[serde(rename = "urn:document:fns534-application-processing-result-negative")]
    UrnDocumentFns534ApplicationProcessingResultNegative,
    #[serde(rename = "urn:document:business-registration")]
    UrnDocumentBusinessRegistration,
    #[serde(rename = "urn:document:business-registration-inventory")]
    UrnDocumentBusinessRegistrationInventory,
    #[serde(rename = "urn:document:business-registration-duty")]
    UrnDocumentBusinessRegistrationDuty,
    #[serde(rename = "urn:document:business-registration-application")]
    UrnDocumentBusinessRegistrationApplication,
    #[serde(rename = "urn:document:business-registration-application-usn")]
    UrnDocumentBusinessRegistrationApplicationUsn,
    #[serde(rename = "urn:document:business-registration-founding-document")]
    UrnDocumentBusinessRegistrationFoundingDocument,
    #[serde(rename = "urn:document:business-registration-founding-document-correction")]
    UrnDocumentBusinessRegistrationFoundingDocumentCorrection,
    #[serde(rename = "urn:document:business-registration-attachment")]
    UrnDocumentBusinessRegistrationAttachment,
    #[serde(rename = "urn:document:business-registration-check-protocol")]
    UrnDocumentBusinessRegistrationCheckProtocol,
    #[serde(rename = "urn:document:business-registration-receipt")]
    UrnDocumentBusinessRegistrationReceipt,
    #[serde(rename = "urn:document:business-registration-acceptance-result-negative")]
    UrnDocumentBusinessRegistrationAcceptanceResultNegative,
    #[serde(rename = "urn:document:business-registration-registration-notice")]
    UrnDocumentBusinessRegistrationRegistrationNotice,
    #[serde(rename = "urn:document:business-registration-registration-certificate")]
    UrnDocumentBusinessRegistrationRegistrationCertificate,
    #[serde(rename = "urn:document:business-registration-deregistration-notice")]
    UrnDocumentBusinessRegistrationDeregistrationNotice,
    #[serde(rename = "urn:document:business-registration-egrip-extract")]
    UrnDocumentBusinessRegistrationEgripExtract,
    #[serde(rename = "urn:document:business-registration-egrul-extract")]
    UrnDocumentBusinessRegistrationEgrulExtract,
    #[serde(rename = "urn:document:business-registration-decline-notice")]
    UrnDocumentBusinessRegistrationDeclineNotice,
    #[serde(rename = "urn:document:business-registration-acceptance-result-suspension")]
    UrnDocumentBusinessRegistrationAcceptanceResultSuspension,
    #[serde(rename = "urn:document:business-registration-patent")]
    UrnDocumentBusinessRegistrationPatent,
    #[serde(rename = "urn:document:business-registration-patent-decline-notice")]
    UrnDocumentBusinessRegistrationPatentDeclineNotice,
    #[serde(rename = "urn:document:business-registration-cu-letter")]
    UrnDocumentBusinessRegistrationCuLetter,
    #[serde(rename = "urn:document:business-registration-incoming-attachment")]
    UrnDocumentBusinessRegistrationIncomingAttachment,
    #[serde(rename = "urn:document:fns534-cu-broadcast")]
    UrnDocumentFns534CuBroadcast,
    #[serde(rename = "urn:document:fns534-cu-broadcast-attachment")]
    UrnDocumentFns534CuBroadcastAttachment,
    #[serde(rename = "urn:document:fns534-cu-broadcast-date-confirmation")]
    UrnDocumentFns534CuBroadcastDateConfirmation,
    #[serde(rename = "urn:document:fns534-cu-broadcast-description")]
    UrnDocumentFns534CuBroadcastDescription,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// Whether a document can be printed: `"yes"`, `"no"` or `"unknown"` on the wire. `unknown`
/// cannot be listed (its variant would be the reserved `Unknown`), so it arrives as
/// `Unknown("unknown")`. The C# SDK also accepts JSON `true`/`false` here; this type does not.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SupportPrint {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "no")]
    No,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A certificate a document was encrypted for.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EncryptedCertificate {
    /// Serial number of the certificate.
    #[serde(rename = "serial-number")]
    pub serial_number: String,
}

/// Where a document's content is. The C# model has only `docflow-document-contents`; the
/// `decrypted` and `encrypted` links are in the documented examples and the OpenAPI export.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentContent {
    /// Link to the decrypted content, when there is one.
    #[serde(default)]
    pub decrypted: Option<Link>,
    /// Link to the encrypted content, when there is one.
    #[serde(default)]
    pub encrypted: Option<Link>,
    /// The document's contents in the contents service.
    #[serde(rename = "docflow-document-contents", default)]
    pub docflow_document_contents: Option<Vec<DocflowDocumentContent>>,
}

/// One content of a document in the contents service (`GET /v1/{accountId}/contents/{id}`).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocflowDocumentContent {
    /// Id of the content in the contents service.
    #[serde(rename = "content-id")]
    pub content_id: uuid::Uuid,
    /// Whether the content is encrypted (decrypt it with one of the certificates).
    pub encrypted: bool,
    /// Whether the content is compressed (unpack it).
    pub compressed: bool,
    /// How the content is compressed.
    #[serde(rename = "compression-type", default, skip_serializing_if = "Option::is_none")]
    pub compression_type: Option<CompressionType>,
}

/// How a content is compressed (`gzip` in the OpenAPI export, `zip` and `none` in the docs' examples).
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompressionType {
    #[serde(rename = "gzip")]
    Gzip,
    #[serde(rename = "zip")]
    Zip,
    #[serde(rename = "none")]
    None,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A signature of a document.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signature {
    /// Signature id.
    pub id: uuid::Uuid,
    /// Title of the signature; in the documented examples, the signer's organization and name.
    pub title: String,
    /// Thumbprint of the signer's certificate.
    #[serde(rename = "signature-certificate-thumbprint")]
    pub signature_certificate_thumbprint: String,
    /// Link to the signature's content.
    #[serde(rename = "content-link")]
    pub content_link: Link,
    /// Links for working with the signature.
    pub links: Vec<Link>,
    /// Who signed.
    #[serde(rename = "signer-type", default, skip_serializing_if = "Option::is_none")]
    pub signer_type: Option<SignerType>,
}

/// Who signed a document (the C# enum `SignerType`, in kebab-case; its `unknown` arrives as
/// `Unknown`): a representative of the organization, of a third party, of the EDI operator,
/// of the authority, or of the final authority.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SignerType {
    #[serde(rename = "organization-representative")]
    OrganizationRepresentative,
    #[serde(rename = "third-party-representative")]
    ThirdPartyRepresentative,
    #[serde(rename = "provider-representative")]
    ProviderRepresentative,
    #[serde(rename = "cu-representative")]
    CuRepresentative,
    #[serde(rename = "cu-local-representative")]
    CuLocalRepresentative,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A request to the social fund (СФР) for the incoming documents of a docflow, over SEDO: made
/// by `generate-documents-request`, signed (`…/signature`), then sent (`…/send`). The C#
/// SDK's `DocumentsRequest`; its byte arrays travel as base64. No answer with values is
/// published (the OpenAPI export shows placeholders), so only `id` is required.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentsRequest {
    /// The request's id.
    pub id: uuid::Uuid,
    /// The request's content.
    #[serde(default)]
    pub content: Option<String>,
    /// What the user signs (the signature is then sent to `…/signature`).
    #[serde(rename = "data-to-sign", default)]
    pub data_to_sign: Option<String>,
    /// The user's signature, once it has been sent.
    #[serde(default)]
    pub signature: Option<String>,
    /// Links for working with the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    /// The docflow the request was made in.
    #[serde(rename = "docflow-id", default, skip_serializing_if = "Option::is_none")]
    pub docflow_id: Option<uuid::Uuid>,
}

/// A reply document (ответный документ): the XML the API generated in answer to a document of
/// a docflow (a receipt, a notice of refusal, …), with its signature once one is added. Its
/// `content`, `data-to-sign`, `print-content` and `signature` travel as base64 text; they are
/// strings here, not `bytes`, because the documented answers elide them
/// (`PD94bWwgdmV...9Tg6es+`), which is not base64.
#[cfg(any(feature = "docflows"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplyDocument {
    /// The reply's id, the `{replyId}` of the reply routes.
    pub id: uuid::Uuid,
    /// The reply's content (the XML), base64.
    pub content: String,
    /// What to sign instead of the content, base64, when the reply has such data (the OpenAPI export and the C# model; absent in the documented answers).
    #[serde(rename = "data-to-sign", default)]
    pub data_to_sign: Option<String>,
    /// The printed form (PDF), base64.
    #[serde(rename = "print-content", default)]
    pub print_content: Option<String>,
    /// The reply's file name.
    #[serde(default)]
    pub filename: Option<String>,
    /// The user's signature (CMS, detached), base64; absent until one is added.
    #[serde(default)]
    pub signature: Option<String>,
    /// Links for working with the reply: `self`, `save-signature`, `send`, `docflow`, `content`.
    pub links: Vec<Link>,
    /// The docflow the reply was generated in.
    #[serde(rename = "docflow-id")]
    pub docflow_id: uuid::Uuid,
    /// The document the reply answers.
    #[serde(rename = "document-id")]
    pub document_id: uuid::Uuid,
}

/// A page of the accounts the user may see: the body of `GET /v1`. Paging is by offset
/// (`skip`, `take`); `total-count` says how many accounts there are in all.
#[cfg(any(feature = "accounts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountList {
    /// How many accounts were skipped.
    pub skip: i64,
    /// The `take` of this page. The C# SDK describes it as the number of accounts received;
    /// the page's `accounts` is what counts.
    pub take: i64,
    /// How many accounts the user may see in all.
    #[serde(rename = "total-count")]
    pub total_count: i64,
    /// The accounts of this page.
    pub accounts: Vec<Account>,
    /// Links for working with the accounts. The C# model has them; the Java model does not,
    /// so they are optional here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
}

/// What a draft is for: the body of `POST /v1/{accountId}/drafts`. The payer is the
/// organization the reporting is for, the sender the one that deals with the authority (they
/// may be the same), the recipient the authority.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftMetaRequest {
    /// The sender.
    pub sender: DraftSender,
    /// The recipient, an authority (fill in the one code that applies).
    pub recipient: DraftRecipient,
    /// The payer (taxpayer), the organization the reporting is for.
    pub payer: DraftPayer,
    /// The docflow and document this draft answers or relates to (a demand, a report).
    #[serde(rename = "related-document", default, skip_serializing_if = "Option::is_none")]
    pub related_document: Option<DraftRelatedDocument>,
    /// Additional information (a letter's subject, certificates, a warrant).
    #[serde(rename = "additional-info", default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<DraftAdditionalInfo>,
    /// Options for creating the draft.
    #[serde(rename = "draft-options", default, skip_serializing_if = "Option::is_none")]
    pub draft_options: Option<DraftOptions>,
}

/// The sender of a draft, as a request sends it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftSender {
    /// INN (ИНН) of the sender.
    pub inn: String,
    /// KPP (КПП) of the sender, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpp: Option<String>,
    /// The certificate whose key will sign the documents. The docs say to pass it; the C# SDK's
    /// request model lets it be left out, so it is optional here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<DraftCertificate>,
    /// Whether the sender is a representative of the payer: a JSON boolean, or the same as a
    /// string. The C# SDK sends a boolean (`"is-representative": true` also in the docs'
    /// Postman collection), and the server echoes a boolean in the draft's meta. The documented
    /// create-draft request in docs/scenarios/FNS/report/send_report.rst sends the string
    /// `"true"`, and the OpenAPI export's example request the string `"false"`, so the string
    /// form is modelled too, as the variant `Text`, for those examples to fit. Prefer `Flag`.
    #[serde(rename = "is-representative")]
    pub is_representative: DraftIsRepresentative,
    /// IP address of the sender (so spelled, without a hyphen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipaddress: Option<String>,
}

/// The sender's certificate (its public part).
#[cfg(any(feature = "drafts", feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftCertificate {
    /// The certificate in base64. Modelled as `string`, not `bytes`: the documented examples
    /// (send_report.rst) elide the middle of it (`"MIIJoDCCCU2...+gkMb1HXNfNc="`), which is not
    /// valid base64, and a `bytes` field would refuse them. Encode and decode the base64
    /// yourself.
    pub content: String,
}

/// The recipient of a draft, an authority: in practice one of the codes is set. Used both in
/// the request and in the draft's meta.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftRecipient {
    /// Code of the tax inspectorate (ИФНС), `0087`.
    #[serde(rename = "ifns-code", default)]
    pub ifns_code: Option<String>,
    /// Code of the interdistrict inspectorate (МРИ).
    #[serde(rename = "mri-code", default)]
    pub mri_code: Option<String>,
    /// Code of the territorial statistics body (ТОГС).
    #[serde(rename = "togs-code", default)]
    pub togs_code: Option<String>,
    /// Code of the pension fund office (УПФР).
    #[serde(rename = "upfr-code", default)]
    pub upfr_code: Option<String>,
    /// Code of the social fund office (СФР); in the OpenAPI export only, not in the C# SDK.
    #[serde(rename = "sfr-code", default, skip_serializing_if = "Option::is_none")]
    pub sfr_code: Option<String>,
    /// Code of the social insurance fund office (ФСС).
    #[serde(rename = "fss-code", default)]
    pub fss_code: Option<String>,
    /// Code of the tax inspectorate for business registration.
    #[serde(rename = "registration-ifns-code", default)]
    pub registration_ifns_code: Option<String>,
}

/// The payer (taxpayer) of a draft, as a request sends it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftPayer {
    /// INN (ИНН) of the payer.
    pub inn: String,
    /// What only a legal entity has (its KPP). The C# SDK always sends it, `{}` when there is no
    /// KPP.
    pub organization: DraftPayerOrganization,
    /// Registration number in the pension fund (ПФР).
    #[serde(rename = "registration-number-pfr", default, skip_serializing_if = "Option::is_none")]
    pub registration_number_pfr: Option<String>,
    /// Registration number in the social fund (СФР).
    #[serde(rename = "registration-number-sfr", default, skip_serializing_if = "Option::is_none")]
    pub registration_number_sfr: Option<String>,
    /// Registration number in the social insurance fund (ФСС).
    #[serde(rename = "registration-number-fss", default, skip_serializing_if = "Option::is_none")]
    pub registration_number_fss: Option<String>,
    /// OKPO (ОКПО), for letters to the statistics body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub okpo: Option<String>,
    /// OGRN (ОГРН).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ogrn: Option<String>,
    /// SNILS (СНИЛС).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snils: Option<String>,
}

/// What only a legal entity has. Used both in the request and in the draft's meta.
#[cfg(any(feature = "drafts", feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftPayerOrganization {
    /// KPP (КПП) of the organization.
    #[serde(default)]
    pub kpp: Option<String>,
}

/// A document of another docflow that a draft relates to (a demand, a report).
#[cfg(any(feature = "drafts", feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftRelatedDocument {
    /// Id of the related docflow.
    #[serde(rename = "related-docflow-id")]
    pub related_docflow_id: uuid::Uuid,
    /// Id of the document in the related docflow (the demand or the report).
    #[serde(rename = "related-document-id")]
    pub related_document_id: uuid::Uuid,
}

/// Additional information of a draft, as a request sends it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftAdditionalInfo {
    /// Subject of a letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Certificates used for signing.
    #[serde(rename = "additional-certificates", default, skip_serializing_if = "Option::is_none")]
    pub additional_certificates: Option<Vec<String>>,
    /// Type of an outgoing letter to the pension fund, a URN of `urn:pfr-letter-category`.
    #[serde(rename = "pfr-letter-type", default, skip_serializing_if = "Option::is_none")]
    pub pfr_letter_type: Option<String>,
    /// Id of the machine-readable warrant (МЧД).
    #[serde(rename = "machine-readable-warrant-id", default, skip_serializing_if = "Option::is_none")]
    pub machine_readable_warrant_id: Option<uuid::Uuid>,
    /// Id of the parent machine-readable warrant; in the OpenAPI export only.
    #[serde(rename = "parent-machine-readable-warrant-id", default, skip_serializing_if = "Option::is_none")]
    pub parent_machine_readable_warrant_id: Option<uuid::Uuid>,
}

/// Options for creating a draft.
#[cfg(any(feature = "drafts", feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftOptions {
    /// Add the information message about representation to the draft when it is created.
    #[serde(rename = "generate-warrant")]
    pub generate_warrant: bool,
}

/// A draft (черновик): the documents to send to an authority, with what they are for. The
/// body of `POST /v1/{accountId}/drafts` and `GET /v1/{accountId}/drafts/{draftId}`.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    /// Draft id.
    pub id: uuid::Uuid,
    /// Id of the docflow the draft was sent as; in the OpenAPI export only (as `"<string>"`),
    /// not in the C# SDK nor in the documented answer.
    #[serde(rename = "docflow-id", default)]
    pub docflow_id: Option<uuid::Uuid>,
    /// Links to the docflows of the draft, once it is sent.
    pub docflows: Vec<Link>,
    /// Links to the documents of the draft.
    pub documents: Vec<Link>,
    /// What the draft is for, as sent, with what the server adds.
    pub meta: DraftMeta,
    /// Where the draft is in its life.
    pub status: DraftStatus,
    /// Links for working with the draft.
    pub links: Vec<Link>,
}

/// The meta of a draft: the request as it was sent, plus what the server fills in (the
/// sender's and payer's `name`, `additional-info.original-drafts-builder-id`). The server
/// echoes `is-representative` as a boolean.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftMeta {
    /// The sender.
    pub sender: DraftMetaSender,
    /// The recipient, an authority.
    pub recipient: DraftRecipient,
    /// The payer (taxpayer).
    pub payer: DraftMetaPayer,
    /// The docflow and document the draft relates to.
    #[serde(rename = "related-document", default)]
    pub related_document: Option<DraftRelatedDocument>,
    /// Additional information.
    #[serde(rename = "additional-info", default)]
    pub additional_info: Option<DraftMetaAdditionalInfo>,
}

/// The sender of a draft, as its meta shows it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftMetaSender {
    /// INN (ИНН) of the sender.
    pub inn: String,
    /// KPP (КПП) of the sender, when it has one.
    #[serde(default)]
    pub kpp: Option<String>,
    /// Name of the sender, filled in by the server.
    #[serde(default)]
    pub name: Option<String>,
    /// The certificate the draft was created with. In the documented answer; optional because
    /// a request may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<DraftCertificate>,
    /// Whether the sender is a representative of the payer.
    #[serde(rename = "is-representative")]
    pub is_representative: bool,
    /// IP address of the sender.
    #[serde(default)]
    pub ipaddress: Option<String>,
}

/// The payer (taxpayer) of a draft, as its meta shows it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftMetaPayer {
    /// INN (ИНН) of the payer.
    pub inn: String,
    /// Name of the payer, filled in by the server.
    #[serde(default)]
    pub name: Option<String>,
    /// What only a legal entity has (its KPP). In the documented answer; optional and
    /// nullable because the C# SDK replaces a `null` here with an empty object.
    #[serde(default)]
    pub organization: Option<DraftPayerOrganization>,
    /// Registration number in the social insurance fund (ФСС).
    #[serde(rename = "registration-number-fss", default)]
    pub registration_number_fss: Option<String>,
    /// Registration number in the pension fund (ПФР).
    #[serde(rename = "registration-number-pfr", default)]
    pub registration_number_pfr: Option<String>,
    /// Registration number in the social fund (СФР); in the OpenAPI export's answer, not in the C# response model.
    #[serde(rename = "registration-number-sfr", default, skip_serializing_if = "Option::is_none")]
    pub registration_number_sfr: Option<String>,
    /// OKPO (ОКПО), for letters to the statistics body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub okpo: Option<String>,
    /// OGRN (ОГРН); in the OpenAPI export's answer, not in the C# response model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ogrn: Option<String>,
    /// SNILS (СНИЛС); in the OpenAPI export's answer, not in the C# response model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snils: Option<String>,
}

/// Additional information of a draft, as its meta shows it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftMetaAdditionalInfo {
    /// Subject of a letter.
    #[serde(default)]
    pub subject: Option<String>,
    /// Certificates used for signing.
    #[serde(rename = "additional-certificates", default)]
    pub additional_certificates: Option<Vec<String>>,
    /// Id of the drafts builder the draft was made by, filled in by the server.
    #[serde(rename = "original-drafts-builder-id", default)]
    pub original_drafts_builder_id: Option<uuid::Uuid>,
    /// Type of an outgoing letter to the pension fund, a URN of `urn:pfr-letter-category`.
    #[serde(rename = "pfr-letter-type", default)]
    pub pfr_letter_type: Option<String>,
    /// Id of the machine-readable warrant (МЧД).
    #[serde(rename = "machine-readable-warrant-id", default)]
    pub machine_readable_warrant_id: Option<uuid::Uuid>,
    /// Id of the parent machine-readable warrant; in the OpenAPI export only.
    #[serde(rename = "parent-machine-readable-warrant-id", default, skip_serializing_if = "Option::is_none")]
    pub parent_machine_readable_warrant_id: Option<uuid::Uuid>,
}

/// Where a draft is in its life. On the wire in kebab-case: `new` in the documented answer,
/// `new`, `checked`, `ready-to-send` and `sent` in the Java SDK, `transferred-to-web` in the
/// OpenAPI export. `check-in-progress`, `prepare-in-progress` and `send-in-progress` are the
/// C# SDK's enum names in its kebab-case, as it writes them; `sent-via-web` is the docs'
/// `sentViaWeb` in the same form, seen nowhere on the wire.
///
/// The docs' prose lists the statuses in camelCase (`checkInProgress`, `readyToSend`,
/// `transferredToWeb`, `sentViaWeb`). No example shows that form travelling, so it is not
/// listed: such a value arrives as `Unknown("readyToSend")`. It cannot be listed beside the
/// kebab-case one either, since both give the same variant (`ReadyToSend`).
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftStatus {
    #[serde(rename = "new")]
    New,
    #[serde(rename = "check-in-progress")]
    CheckInProgress,
    #[serde(rename = "checked")]
    Checked,
    #[serde(rename = "prepare-in-progress")]
    PrepareInProgress,
    #[serde(rename = "ready-to-send")]
    ReadyToSend,
    #[serde(rename = "send-in-progress")]
    SendInProgress,
    #[serde(rename = "sent")]
    Sent,
    #[serde(rename = "transferred-to-web")]
    TransferredToWeb,
    #[serde(rename = "sent-via-web")]
    SentViaWeb,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A long-running operation on a draft (check, prepare, send), started with `deferred=true`
/// and read again at `GET …/drafts/{draftId}/tasks/{apiTaskId}` until its `task-state` is no
/// longer `running`. When it succeeded, `task-result` holds what the operation gives, chosen
/// by `task-type`; when it failed, `error` says why.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftTask {
    /// The task's id, for `GET …/tasks/{apiTaskId}`.
    pub id: uuid::Uuid,
    #[serde(rename = "task-state")]
    pub task_state: DraftTaskState,
    /// What a task that succeeded gives; absent while it runs.
    #[serde(flatten)]
    pub task_result: Option<DraftTaskResult>,
    /// Why a failed task failed: the API's error body (`id`, `status-code`, `message`, …), as
    /// the C# SDK reads it into its `ApiError`.
    #[serde(default)]
    pub error: Option<serde_json::Value>,
}

/// Where a task is; the C# SDK's `ApiTaskState`, read without regard to case.
#[cfg(any(feature = "docflows", feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftTaskState {
    #[serde(rename = "running")]
    Running,
    #[serde(rename = "succeed")]
    Succeed,
    #[serde(rename = "failed")]
    Failed,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// The result of a draft task that succeeded, chosen by the task's `task-type`; the result
/// of a task type not listed here is kept as JSON in `Unknown`.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "task-type", content = "task-result")]
pub enum DraftTaskResult {
    /// The check's findings (`urn:task-type:check`).
    #[serde(rename = "urn:task-type:check")]
    Check(CheckResult),
    /// The prepared draft (`urn:task-type:prepare`).
    #[serde(rename = "urn:task-type:prepare")]
    Prepare(PrepareResult),
    /// The docflow the draft became, or why it was not sent (`urn:task-type:send`).
    #[serde(rename = "urn:task-type:send")]
    Send(SendResult),
    /// A kind not listed here.
    #[serde(other)]
    Unknown,
}

/// What a send task gives: the docflow the draft became, or, as the C# SDK reads it
/// (`ApiTaskResult<Docflow, SendFailure>`), why the server did not send it. Tried in that
/// order: a failure's `id` is a URN, not a docflow's UUID.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SendResult {
    Docflow(Docflow),
    Failure(SendFailure),
    /// Any other JSON.
    Other(serde_json::Value),
}

/// Why a draft was not sent; the C# SDK's `SendFailure`.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendFailure {
    /// The error's URN.
    pub id: String,
    /// The HTTP status it stands for, as a number or a name.
    #[serde(rename = "status-code", default)]
    pub status_code: Option<serde_json::Value>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// The check's findings, when the check stopped the send.
    #[serde(rename = "check-result", default)]
    pub check_result: Option<CheckResultData>,
}

/// The result of a draft check.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckResult {
    pub data: CheckResultData,
}

/// What a check found: errors by document id, and errors of the draft as a whole.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckResultData {
    /// Each document's errors, by the document's id; an empty list when it has none.
    #[serde(rename = "documents-errors")]
    pub documents_errors: std::collections::HashMap<uuid::Uuid, Vec<CheckError>>,
    #[serde(rename = "common-errors")]
    pub common_errors: Vec<CheckError>,
}

/// One finding of a check; the C# SDK's `CheckError`, whose fields are all strings (`tags`
/// too). None is in a documented example, so each may be absent or `null`.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckError {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// How serious it is (the C# SDK keeps the server's word).
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub r#type: Option<String>,
    #[serde(default)]
    pub tags: Option<String>,
}

/// The result of preparing a draft (signing and encrypting its documents for sending).
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrepareResult {
    #[serde(rename = "check-result")]
    pub check_result: CheckResultData,
    /// Where to go next: `next` is the draft's `send`.
    pub links: Vec<Link>,
    pub status: PrepareStatus,
}

/// How the preparation went; the C# SDK's `PrepareStatus` in kebab-case.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrepareStatus {
    #[serde(rename = "ok")]
    Ok,
    #[serde(rename = "check-protocol-has-errors")]
    CheckProtocolHasErrors,
    #[serde(rename = "check-protocol-has-only-warnings")]
    CheckProtocolHasOnlyWarnings,
    #[serde(rename = "encryption-failed")]
    EncryptionFailed,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A document to add to a draft: the content uploaded before (`POST …/contents`), by its
/// id, and optionally its signature and description. The API recognises the description of
/// a known form from the content itself.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftDocumentRequest {
    /// The uploaded content (`upload_content`'s `id`).
    #[serde(rename = "content-id", default, skip_serializing_if = "Option::is_none")]
    pub content_id: Option<uuid::Uuid>,
    /// A signature of the content, as bytes (base64 on the wire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<DraftDocumentDescriptionRequest>,
}

/// How to describe a document; every field optional, as in the C# SDK.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftDocumentDescriptionRequest {
    /// The document type's URN (`urn:document:fns534-report`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    #[serde(rename = "content-type", default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(rename = "svdreg-code", default, skip_serializing_if = "Option::is_none")]
    pub svdreg_code: Option<String>,
    #[serde(rename = "original-filename", default, skip_serializing_if = "Option::is_none")]
    pub original_filename: Option<String>,
    #[serde(rename = "is-document-encrypted", default, skip_serializing_if = "Option::is_none")]
    pub is_document_encrypted: Option<bool>,
}

/// A document of a draft.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftDocument {
    pub id: uuid::Uuid,
    /// Where the document's content is (in the documented answer; not in the C# model).
    #[serde(rename = "decrypted-content-link", default, skip_serializing_if = "Option::is_none")]
    pub decrypted_content_link: Option<Link>,
    #[serde(rename = "signature-content-link", default)]
    pub signature_content_link: Option<Link>,
    /// The document's signatures (the C# model's; absent in the documented answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatures: Option<Vec<DraftSignature>>,
    pub description: DraftDocumentDescription,
    pub contents: Vec<DraftDocumentContent>,
    #[serde(rename = "data-to-sign-content-id", default)]
    pub data_to_sign_content_id: Option<uuid::Uuid>,
}

/// A draft document's description, as the API recognised or was told it.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftDocumentDescription {
    /// The document type's URN.
    #[serde(default)]
    pub r#type: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(rename = "content-type", default)]
    pub content_type: Option<String>,
    /// What the API read from the content (`FormName`, `КНД`, `Period`, …), each a string
    /// or `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<std::collections::HashMap<String, Option<String>>>,
}

/// A content of a draft document.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftDocumentContent {
    #[serde(rename = "content-id")]
    pub content_id: uuid::Uuid,
    pub encrypted: bool,
}

/// A signature to add to a draft document. `base64-content` is a string, not `bytes`: the
/// documented request elides it (`MIINYQYJK...JmPNEqCaE+h`), which is not base64.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftSignatureRequest {
    /// The signature (CMS, detached), base64.
    #[serde(rename = "base64-content")]
    pub base64_content: String,
    #[serde(rename = "is-third-party-signature", default, skip_serializing_if = "Option::is_none")]
    pub is_third_party_signature: Option<bool>,
}

/// A signature of a draft document.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftSignature {
    pub id: uuid::Uuid,
    /// The signer, as the C# model's `Signature` has it; absent in the documented answer.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(rename = "signature-certificate-thumbprint", default)]
    pub signature_certificate_thumbprint: Option<String>,
    #[serde(rename = "content-link", default, skip_serializing_if = "Option::is_none")]
    pub content_link: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    #[serde(rename = "signer-type", default, skip_serializing_if = "Option::is_none")]
    pub signer_type: Option<SignerType>,
}

/// What an organization is.
#[cfg(any(feature = "organizations"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrganizationGeneral {
    pub inn: String,
    /// Not nullable in the C# model, but an entrepreneur has none.
    #[serde(default)]
    pub kpp: Option<String>,
    pub name: String,
    /// Whether it is the account's head organization.
    #[serde(rename = "is-main-org")]
    pub is_main_org: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
}

/// An organization of an account.
#[cfg(any(feature = "organizations"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    pub id: uuid::Uuid,
    pub general: OrganizationGeneral,
}

/// Whether the sender is a representative of the payer: a JSON boolean, or the same as a
/// string. The C# SDK sends a boolean (`"is-representative": true` also in the docs'
/// Postman collection), and the server echoes a boolean in the draft's meta. The documented
/// create-draft request in docs/scenarios/FNS/report/send_report.rst sends the string
/// `"true"`, and the OpenAPI export's example request the string `"false"`, so the string
/// form is modelled too, as the variant `Text`, for those examples to fit. Prefer `Flag`.
#[cfg(any(feature = "drafts"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DraftIsRepresentative {
    Flag(bool),
    Text(String),
    /// Any other JSON.
    Other(serde_json::Value),
}
