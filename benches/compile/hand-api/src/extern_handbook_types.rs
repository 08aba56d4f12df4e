// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// A page of control units, by offset (`skip`, `take`) with the `total-count`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ControlUnitsPage {
    /// How many control units were skipped.
    pub skip: i64,
    /// How many control units the page holds (0 past the end).
    pub take: i64,
    /// How many control units the filter finds in all.
    #[serde(rename = "total-count")]
    pub total_count: i64,
    /// The control units.
    #[serde(rename = "control-units")]
    pub control_units: Vec<ControlUnitsPageItem>,
}

/// A control unit as a page lists it (without its certificates).
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ControlUnitsPageItem {
    /// The kind of authority.
    #[serde(default)]
    pub r#type: Option<ControlUnitType>,
    /// The control unit's code (`0007` for a tax office, `084-034` in the pension fund's form).
    pub code: String,
    /// The control unit's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The region's number (`66`).
    #[serde(default)]
    pub region: Option<String>,
    /// How the control unit works.
    #[serde(default)]
    pub flags: Option<ControlUnitFlags>,
    /// The control unit's contacts.
    #[serde(default)]
    pub contacts: Option<ControlUnitContacts>,
}

/// One control unit, with its certificates.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ControlUnit {
    /// The kind of authority.
    #[serde(default)]
    pub r#type: Option<ControlUnitType>,
    /// The control unit's code.
    pub code: String,
    /// The control unit's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The region's number.
    #[serde(default)]
    pub region: Option<String>,
    /// How the control unit works.
    #[serde(default)]
    pub flags: Option<ControlUnitFlags>,
    /// The control unit's contacts.
    #[serde(default)]
    pub contacts: Option<ControlUnitContacts>,
    /// The control unit's certificates. The C# model declares them as a field, not a property,
    /// which its serializer does not read; the key is assumed to be `certificates`.
    #[serde(default)]
    pub certificates: Option<Vec<ControlUnitCertificateInfo>>,
}

/// The kind of authority, in lower case as the C# SDK's tests read it: the tax service
/// (`fns`), social insurance (`fss`), the federal tariff service (`fst`), the pension fund
/// (`pfr`), the environmental regulator (`rtn`), statistics (`stat`), the interior ministry
/// (`mvd`). The C# SDK reads any case; so does this enum.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ControlUnitType {
    #[serde(rename = "fns")]
    Fns,
    #[serde(rename = "fss")]
    Fss,
    #[serde(rename = "fst")]
    Fst,
    #[serde(rename = "pfr")]
    Pfr,
    #[serde(rename = "rtn")]
    Rtn,
    #[serde(rename = "stat")]
    Stat,
    #[serde(rename = "mvd")]
    Mvd,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// How a control unit works (the docs' flags); the C# SDK takes `false` for an absent one.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ControlUnitFlags {
    /// Whether the control unit is active.
    #[serde(rename = "is-active", default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether it is a test control unit.
    #[serde(rename = "is-test", default, skip_serializing_if = "Option::is_none")]
    pub is_test: Option<bool>,
    /// Whether this tax office registers businesses.
    #[serde(rename = "business-registration", default, skip_serializing_if = "Option::is_none")]
    pub business_registration: Option<bool>,
}

/// A control unit's contacts.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ControlUnitContacts {
    #[serde(rename = "short-name", default)]
    pub short_name: Option<String>,
    #[serde(rename = "full-name", default)]
    pub full_name: Option<String>,
    /// The control unit's INN (ИНН).
    #[serde(default)]
    pub inn: Option<String>,
    /// The control unit's KPP (КПП).
    #[serde(default)]
    pub kpp: Option<String>,
    /// The legal address.
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The id of an MVD office.
    #[serde(rename = "mvd-id", default)]
    pub mvd_id: Option<String>,
}

/// A certificate of a control unit.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ControlUnitCertificateInfo {
    /// The certificate, base64.
    #[serde(default)]
    pub content: Option<String>,
    /// The certificate's thumbprint.
    #[serde(default)]
    pub thumbprint: Option<String>,
}

/// A page of the tax service's forms (by KND), by offset with the `total-count`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FnsFormsPage {
    /// How many forms were skipped.
    pub skip: i64,
    /// How many forms the page holds (0 past the end).
    pub take: i64,
    /// How many forms the filter finds in all.
    #[serde(rename = "total-count")]
    pub total_count: i64,
    /// The forms, one per version.
    #[serde(rename = "fns-forms")]
    pub fns_forms: Vec<FnsForm>,
}

/// A version of a form of reports or demands of the tax service (the C# `FnsFormPageItem`).
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FnsForm {
    /// The form's KND code (КНД).
    pub knd: String,
    /// The form's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The form's version.
    #[serde(default)]
    pub version: Option<String>,
    /// When the version came into force; text, as the C# SDK reads it.
    #[serde(rename = "period-begin", default)]
    pub period_begin: Option<String>,
    /// When the version went out of force; text, as the C# SDK reads it.
    #[serde(rename = "period-end", default)]
    pub period_end: Option<String>,
    /// A description of the period the version is in force.
    #[serde(rename = "description-period", default)]
    pub description_period: Option<String>,
}

/// A page of one handbook, by offset with the `total-count`. The page's `handbook-type`
/// chooses the type of every item of its `handbook`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookPage {
    /// Which handbook this is.
    #[serde(rename = "handbook-type")]
    pub handbook_type: HandbookKind,
    /// How many items were skipped.
    pub skip: i64,
    /// How many items the page holds.
    pub take: i64,
    /// How many items the handbook has.
    #[serde(rename = "total-count")]
    pub total_count: i64,
    /// The items, each of the type `handbook-type` names.
    pub handbook: Vec<HandbookItem>,
}

/// The handbooks of the migration service's notices, as the docs list them, in kebab case;
/// the C# SDK's `HandbookType` names them in PascalCase (`MvdCitizenship`).
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HandbookKind {
    #[serde(rename = "mvd-citizenship")]
    MvdCitizenship,
    #[serde(rename = "mvd-professions-speciality")]
    MvdProfessionsSpeciality,
    #[serde(rename = "mvd-regions-rf")]
    MvdRegionsRf,
    #[serde(rename = "mvd-work-permits")]
    MvdWorkPermits,
    #[serde(rename = "mvd-employer-status")]
    MvdEmployerStatus,
    #[serde(rename = "mvd-hqs-employer-status")]
    MvdHqsEmployerStatus,
    #[serde(rename = "mvd-okved")]
    MvdOkved,
    #[serde(rename = "mvd-labor-migration-documents")]
    MvdLaborMigrationDocuments,
    #[serde(rename = "mvd-foreign-citizen-identity-documents")]
    MvdForeignCitizenIdentityDocuments,
    #[serde(rename = "mvd-employment-contracts-type")]
    MvdEmploymentContractsType,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// An item of a handbook, of the type its page's `handbook-type` names. Every type of the
/// C# SDK is a code and a name. An item
/// of a handbook not listed here is kept as JSON in `Unknown`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum HandbookItem {
    /// A citizenship (Гражданство), `mvd-citizenship`.
    Citizenship(HandbookItemCitizenship),
    /// A profession, occupation or speciality, `mvd-professions-speciality`.
    ProfessionsSpeciality(HandbookItemProfessionsSpeciality),
    /// A region of Russia, `mvd-regions-rf`.
    RegionsRf(HandbookItemRegionsRf),
    /// A ground for a foreign citizen to work without permits, `mvd-work-permits`.
    WorkPermits(HandbookItemWorkPermits),
    /// An employer's status under the contract, `mvd-employer-status`.
    EmployerStatus(HandbookItemEmployerStatus),
    /// An employer's status in paying a highly qualified specialist, `mvd-hqs-employer-status`.
    HqsEmployerStatus(HandbookItemHqsEmployerStatus),
    /// A code of the classifier of economic activities (ОКВЭД), `mvd-okved`.
    Okved(HandbookItemOkved),
    /// A document of labour migration, `mvd-labor-migration-documents`.
    LaborMigrationDocuments(HandbookItemLaborMigrationDocuments),
    /// An identity document of a foreign citizen, `mvd-foreign-citizen-identity-documents`.
    ForeignCitizenIdentityDocuments(HandbookItemForeignCitizenIdentityDocuments),
    /// A kind of employment contract, `mvd-employment-contracts-type`.
    EmploymentContractsType(HandbookItemEmploymentContractsType),
    /// Any other JSON.
    Other(serde_json::Value),
}

/// A citizenship (Гражданство), `mvd-citizenship`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemCitizenship {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// A profession, occupation or speciality, `mvd-professions-speciality`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemProfessionsSpeciality {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// A region of Russia, `mvd-regions-rf`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemRegionsRf {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// A ground for a foreign citizen to work without permits, `mvd-work-permits`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemWorkPermits {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// An employer's status under the contract, `mvd-employer-status`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemEmployerStatus {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// An employer's status in paying a highly qualified specialist, `mvd-hqs-employer-status`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemHqsEmployerStatus {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// A code of the classifier of economic activities (ОКВЭД), `mvd-okved`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemOkved {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// A document of labour migration, `mvd-labor-migration-documents`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemLaborMigrationDocuments {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// An identity document of a foreign citizen, `mvd-foreign-citizen-identity-documents`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemForeignCitizenIdentityDocuments {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}

/// A kind of employment contract, `mvd-employment-contracts-type`.
#[cfg(any(feature = "handbooks"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HandbookItemEmploymentContractsType {
    /// The entry's code.
    pub code: String,
    /// The entry's name.
    pub name: String,
}
