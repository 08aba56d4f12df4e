// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
#[allow(unused_imports)]
use serde::{Deserialize, Serialize};

/// The type of a drafts builder, a URN of `urn:drafts-builder` (the C# SDK's
/// `DraftBuilderType`; "docs/specification/типы DraftsBuilder.rst" lists fns534-inventory,
/// business-registration, fns534-letter and pfr-report). It chooses the shape of every
/// `builder-data` of the builder, its documents and their files. The docs' example meta of a
/// letter sends `urn:drafts-builder:534-letter` (without `fns`), which the docs' own list of
/// types does not have: it is kept as `Unknown`, and its `builder-data` is not read.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftsBuilderType {
    #[serde(rename = "urn:drafts-builder:fns534-inventory")]
    UrnDraftsBuilderFns534Inventory,
    #[serde(rename = "urn:drafts-builder:fns534-letter")]
    UrnDraftsBuilderFns534Letter,
    #[serde(rename = "urn:drafts-builder:business-registration")]
    UrnDraftsBuilderBusinessRegistration,
    #[serde(rename = "urn:drafts-builder:pfr-report")]
    UrnDraftsBuilderPfrReport,
    #[serde(rename = "urn:drafts-builder:pfr-letter")]
    UrnDraftsBuilderPfrLetter,
    #[serde(rename = "urn:drafts-builder:pfr-ios")]
    UrnDraftsBuilderPfrIos,
    #[serde(rename = "urn:drafts-builder:stat-letter")]
    UrnDraftsBuilderStatLetter,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// The sender (отправитель): the C# SDK's `SenderRequest` in a request and `Sender` in a meta.
/// The docs' example metas send `"ipaddress "`, with a trailing space, in three of four files
/// (ROUTES.md D18): that key is not this field, and the examples quote those bodies with the
/// key corrected, saying so.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuilderSender {
    /// INN (ИНН) of the sender.
    pub inn: String,
    /// KPP (КПП) of the sender, when it has one.
    #[serde(default)]
    pub kpp: Option<String>,
    /// Name of the sender. In the docs' pfr-report meta (as `""`) and in a draft's meta; not
    /// in the C# request model.
    #[serde(default)]
    pub name: Option<String>,
    /// The certificate whose key will sign the documents (its public part).
    #[serde(default)]
    pub certificate: Option<crate::extern_types::DraftCertificate>,
    /// Whether the sender is a representative of the payer.
    #[serde(rename = "is-representative")]
    pub is_representative: bool,
    /// IP address of the sender (so spelled, without a hyphen).
    #[serde(default)]
    pub ipaddress: Option<String>,
}

/// The payer (налогоплательщик), the organization the documents are for: the C# SDK's
/// `AccountInfoRequest` in a request and `AccountInfo` in a meta.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuilderPayer {
    /// INN (ИНН) of the payer.
    pub inn: String,
    /// Name of the payer; in the docs' pfr-report meta and in a meta the server answers.
    #[serde(default)]
    pub name: Option<String>,
    /// What only a legal entity has (its KPP). The C# SDK always sends it (`{}` without a
    /// KPP); three of the docs' four example metas leave it out, so it is optional here.
    #[serde(default)]
    pub organization: Option<crate::extern_types::DraftPayerOrganization>,
    /// Registration number in the pension fund (ПФР).
    #[serde(rename = "registration-number-pfr", default)]
    pub registration_number_pfr: Option<String>,
    /// Registration number in the social fund (СФР); in the C# request model only.
    #[serde(rename = "registration-number-sfr", default)]
    pub registration_number_sfr: Option<String>,
    /// Registration number in the social insurance fund (ФСС).
    #[serde(rename = "registration-number-fss", default)]
    pub registration_number_fss: Option<String>,
    /// OKPO (ОКПО), for letters to the statistics body.
    #[serde(default)]
    pub okpo: Option<String>,
    /// OGRN (ОГРН); in the C# request model only.
    #[serde(default)]
    pub ogrn: Option<String>,
    /// SNILS (СНИЛС); in the C# request model only.
    #[serde(default)]
    pub snils: Option<String>,
}

/// The recipient, an authority (контролирующий орган): in practice one code is set. The C#
/// SDK's `RecipientInfoRequest` and `RecipientInfo`.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuilderRecipient {
    /// Code of the tax inspectorate (ИФНС), `0007`.
    #[serde(rename = "ifns-code", default)]
    pub ifns_code: Option<String>,
    /// Code of the interdistrict inspectorate (МРИ).
    #[serde(rename = "mri-code", default)]
    pub mri_code: Option<String>,
    /// Code of the territorial statistics body (ТОГС).
    #[serde(rename = "togs-code", default)]
    pub togs_code: Option<String>,
    /// Code of the pension fund office (УПФР), `666-666`.
    #[serde(rename = "upfr-code", default)]
    pub upfr_code: Option<String>,
    /// Code of the social insurance fund office (ФСС).
    #[serde(rename = "fss-code", default)]
    pub fss_code: Option<String>,
    /// Code of the tax inspectorate for business registration.
    #[serde(rename = "registration-ifns-code", default)]
    pub registration_ifns_code: Option<String>,
}

/// A hypermedia link, as types.yaml's `Link` (defined again here; see the header).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuilderLink {
    pub href: url::Url,
    #[serde(default)]
    pub rel: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub templated: Option<bool>,
}

/// A person's full name (ФИО).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonFullName {
    pub surname: String,
    pub name: String,
    /// The patronymic; the C# SDK does not require it.
    #[serde(default)]
    pub patronymic: Option<String>,
}

/// What a drafts builder is for: the body of `POST …/drafts/builders` and
/// `PUT …/drafts/builders/{builderId}/meta`. `builder-data` has the shape that `builder-type`
/// names (the caller keeps the two in step); the docs give one example body per type
/// (`docs/files/мета для создания DraftsBuilder типа *.json`).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderMetaRequest {
    pub sender: BuilderSender,
    pub payer: BuilderPayer,
    pub recipient: BuilderRecipient,
    /// What the builder type needs; absent for a type that needs nothing (pfr-report).
    #[serde(flatten)]
    pub builder_data: Option<DraftsBuilderData>,
    /// Options for the drafts the builder makes; in the C# request model only.
    #[serde(rename = "draft-options", default)]
    pub draft_options: Option<crate::extern_types::DraftOptions>,
}

/// A drafts builder (the body of create and get).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilder {
    /// The builder's id, `{builderId}` of every other builder route.
    pub id: uuid::Uuid,
    pub meta: DraftsBuilderMeta,
    pub status: DraftsBuilderStatus,
}

/// Where a builder is; the C# SDK's `DraftsBuilderStatus` (new, building, finished).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftsBuilderStatus {
    #[serde(rename = "new")]
    New,
    #[serde(rename = "building")]
    Building,
    #[serde(rename = "finished")]
    Finished,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A builder's meta, as the server answers it.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderMeta {
    pub sender: BuilderSender,
    pub payer: BuilderPayer,
    pub recipient: BuilderRecipient,
    #[serde(flatten)]
    pub builder_data: Option<DraftsBuilderData>,
}

/// A builder's `builder-data`, chosen by its sibling `builder-type`, as the C# SDK's
/// `DraftsBuilderMetaConverter` chooses it; a type listed nowhere here is kept as JSON in
/// `Unknown`.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "builder-type", content = "builder-data")]
pub enum DraftsBuilderData {
    /// An answer to a demand (опись), `urn:drafts-builder:fns534-inventory`.
    #[serde(rename = "urn:drafts-builder:fns534-inventory")]
    Inventory(InventoryBuilderData),
    /// A letter to the tax service, `urn:drafts-builder:fns534-letter`. The C# SDK has no
    /// model for it (it reads `Unknown`); its fields are those of "docs/builder/методы
    /// билдера.rst", lines 80-99.
    #[serde(rename = "urn:drafts-builder:fns534-letter")]
    Letter(LetterBuilderData),
    /// Business registration, `urn:drafts-builder:business-registration`.
    #[serde(rename = "urn:drafts-builder:business-registration")]
    BusinessRegistration(BusinessRegistrationBuilderData),
    /// A pension fund report, `urn:drafts-builder:pfr-report`; the C# model has no field.
    #[serde(rename = "urn:drafts-builder:pfr-report")]
    PfrReport(DraftsBuilderDataPfrReport),
    /// A kind not listed here.
    #[serde(other)]
    Unknown,
}

/// The data of an answer to a demand. Fill in `related-document` when the demand (or the
/// report) came through Kontur.Extern, `id-file-osn` when the report went through another
/// operator ("docs/builder/методы билдера.rst", lines 59-70). The C# SDK requires
/// `related-document`; the docs make the two alternatives, so both are optional here.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InventoryBuilderData {
    #[serde(rename = "related-document", default)]
    pub related_document: Option<crate::extern_types::DraftRelatedDocument>,
    /// The `ИдФайл` of the report sent through another operator (ИдФайлОсн of the inventory).
    #[serde(rename = "id-file-osn", default)]
    pub id_file_osn: Option<String>,
    /// Certificates of additional signers (public parts, base64).
    #[serde(rename = "additional-certificates", default)]
    pub additional_certificates: Option<Vec<String>>,
}

/// The data of a letter to the tax service ("docs/builder/методы билдера.rst", 80-99).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LetterBuilderData {
    /// The letter of the tax service this letter answers.
    #[serde(rename = "related-document", default)]
    pub related_document: Option<crate::extern_types::DraftRelatedDocument>,
    /// Certificates of the signers, base64.
    #[serde(rename = "additional-certificates", default)]
    pub additional_certificates: Option<Vec<String>>,
    /// The letter's subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// The payer's address; the docs say `region` is required.
    #[serde(default)]
    pub address: Option<BuilderAddress>,
}

/// An address; every part a string (`region` a code of "Субъекты Российской Федерации").
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuilderAddress {
    #[serde(default)]
    pub index: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub settlement: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub house: Option<String>,
    #[serde(default)]
    pub building: Option<String>,
    #[serde(default)]
    pub flat: Option<String>,
}

/// The data of a business registration.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BusinessRegistrationBuilderData {
    #[serde(rename = "registration-info")]
    pub registration_info: RegistrationInfo,
    /// Whether paper documents are asked for, and how.
    #[serde(rename = "paper-documents-delivery-type", default)]
    pub paper_documents_delivery_type: Option<PaperDocumentsDeliveryType>,
    /// Certificates of the signers when several apply (a legal entity), base64.
    #[serde(rename = "additional-certificates", default)]
    pub additional_certificates: Option<Vec<String>>,
}

/// Whether the applicant asks for paper documents (the C# SDK's `PaperDocumentsDeliveryType`).
/// The docs spell the values `No`, `ToApplicant`, `ByPost` (lines 128-132, and `"No"` in the
/// example meta); the C# SDK writes enums in kebab-case (`no`, `to-applicant`, `by-post`).
/// Both are read (`case: any`); the docs' spelling is written.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaperDocumentsDeliveryType {
    #[serde(rename = "No")]
    No,
    #[serde(rename = "ToApplicant")]
    ToApplicant,
    #[serde(rename = "ByPost")]
    ByPost,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// What the registration is about. Exactly one of `ip-info` and `ul-info` is set.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegistrationInfo {
    /// The application's code by the СФРД handbook, such as `Р21001` (with a Cyrillic `Р`, as
    /// both the docs and the C# enum spell it). A `string`: the codes are not ASCII.
    #[serde(rename = "application-code", default)]
    pub application_code: Option<String>,
    /// The applicants.
    #[serde(rename = "applicant-infos")]
    pub applicant_infos: ApplicantInfos,
    /// The individual entrepreneur (ИП).
    #[serde(rename = "ip-info", default)]
    pub ip_info: Option<IpInfo>,
    /// The legal entity (ЮЛ).
    #[serde(rename = "ul-info", default)]
    pub ul_info: Option<UlInfo>,
}

/// The applicants: a list in the C# SDK (`ApplicantInfo[]`); the docs' example meta
/// (business-registration.json, line 20) sends one applicant as an object, not in a list.
/// Both are read; prefer `List`.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ApplicantInfos {
    List(Vec<ApplicantInfo>),
    One(ApplicantInfo),
    /// Any other JSON.
    Other(serde_json::Value),
}

/// An applicant.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicantInfo {
    #[serde(default)]
    pub inn: Option<String>,
    /// The applicant's full name.
    pub fio: PersonFullName,
    #[serde(default)]
    pub email: Option<String>,
}

/// An individual entrepreneur.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IpInfo {
    /// ОГРНИП.
    #[serde(rename = "ogrn-ip")]
    pub ogrn_ip: String,
}

/// A legal entity.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UlInfo {
    /// ОГРН.
    #[serde(default)]
    pub ogrn: Option<String>,
    /// The organization's name.
    pub name: String,
}

/// The body of `POST …/builders/{builderId}/documents` and `PUT …/documents/{documentId}/meta`.
/// It has no `builder-type` (the builder's counts), so its `builder-data` is told apart by
/// its fields (`DocumentDataRequest`).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDocumentMetaRequest {
    #[serde(rename = "builder-data")]
    pub builder_data: DocumentDataRequest,
}

/// A document's data as a request sends it. Untagged (the request carries no builder type):
/// tried in this order, each variant by the fields it requires; `Letter` has no required
/// field and comes last, so it also takes the empty object a pfr-report document sends.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DocumentDataRequest {
    BusinessRegistration(BusinessRegistrationDocumentData),
    Inventory(InventoryDocumentData),
    Letter(LetterDocumentData),
    /// Any other JSON.
    Other(serde_json::Value),
}

/// A document (a container of files) of a drafts builder.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDocument {
    /// The document's id, `{documentId}` of its routes.
    pub id: uuid::Uuid,
    /// The builder's id.
    #[serde(rename = "drafts-builder-id")]
    pub drafts_builder_id: uuid::Uuid,
    pub meta: DraftsBuilderDocumentMeta,
}

/// A document's meta, as the server answers it.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDocumentMeta {
    #[serde(flatten)]
    pub builder_data: Option<DocumentData>,
}

/// A document's `builder-data`, chosen by its sibling `builder-type`, as the C# SDK's
/// `DraftsBuilderDocumentMetaConverter` chooses it.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "builder-type", content = "builder-data")]
pub enum DocumentData {
    #[serde(rename = "urn:drafts-builder:fns534-inventory")]
    Inventory(InventoryDocumentData),
    #[serde(rename = "urn:drafts-builder:fns534-letter")]
    Letter(LetterDocumentData),
    #[serde(rename = "urn:drafts-builder:business-registration")]
    BusinessRegistration(BusinessRegistrationDocumentData),
    #[serde(rename = "urn:drafts-builder:pfr-report")]
    PfrReport(DocumentDataPfrReport),
    /// A kind not listed here.
    #[serde(other)]
    Unknown,
}

/// A document of an answer to a demand ("docs/builder/методы билдера.rst", 243-273).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InventoryDocumentData {
    /// The item of the demand the document answers, `1.XX` or `2.XX`.
    #[serde(rename = "claim-item-number")]
    pub claim_item_number: String,
    /// Documents with different labels go to different drafts (`null` is a label too).
    #[serde(rename = "label-for-grouping", default)]
    pub label_for_grouping: Option<String>,
    /// Name of the scanned document.
    #[serde(rename = "scanned-document-name", default)]
    pub scanned_document_name: Option<String>,
    /// What the document is.
    #[serde(default)]
    pub r#type: Option<InventoryDocumentType>,
    #[serde(rename = "background-processing", default)]
    pub background_processing: Option<BackgroundProcessing>,
}

/// The type of a document of an answer to a demand (the C# SDK's `FnsInventoryDraftsBuilderDocumentType`).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InventoryDocumentType {
    #[serde(rename = "formalized")]
    Formalized,
    #[serde(rename = "scanned")]
    Scanned,
    #[serde(rename = "warrant")]
    Warrant,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// A document of a letter ("docs/builder/методы билдера.rst", 275-294); no C# model. Every
/// field is optional: the builder finds the type from the file.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LetterDocumentData {
    #[serde(default)]
    pub r#type: Option<LetterDocumentType>,
    #[serde(rename = "background-processing", default)]
    pub background_processing: Option<BackgroundProcessing>,
}

/// The type of a document of a letter; `attachment` when the builder cannot tell.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LetterDocumentType {
    #[serde(rename = "warrant")]
    Warrant,
    #[serde(rename = "attachment")]
    Attachment,
    #[serde(rename = "letter")]
    Letter,
    /// A value not listed here, kept as it came.
    #[serde(untagged)]
    Unknown(String),
}

/// Start preparing the document once it holds this many files; it is then locked
/// ("docs/builder/методы билдера.rst", 254-260).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackgroundProcessing {
    #[serde(rename = "total-file-count")]
    pub total_file_count: i64,
}

/// A document of a business registration ("docs/builder/методы билдера.rst", 296-320).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BusinessRegistrationDocumentData {
    /// The СВДРЕГ code (six characters, the first `0`-`9` or `X`).
    #[serde(rename = "svdreg-code")]
    pub svdreg_code: String,
    /// Each signer (at least one).
    pub signers: Vec<BusinessRegistrationSigner>,
}

/// A signer of a business registration document.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BusinessRegistrationSigner {
    pub fio: PersonFullName,
}

/// The body of `POST …/documents/{documentId}/files` and `PUT …/files/{fileId}`: the content
/// (uploaded first to the contents service), its signature, and the file's meta.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderFileRequest {
    /// The content's id in the contents service.
    #[serde(rename = "content-id", default)]
    pub content_id: Option<uuid::Uuid>,
    /// The signature of the content (a counterparty's), base64. A `string`: the docs' examples
    /// elide its middle.
    #[serde(rename = "base64-signature-content", default)]
    pub base64_signature_content: Option<String>,
    pub meta: DraftsBuilderFileMetaRequest,
}

/// A file's meta as a request sends it (also the body of `PUT …/files/{fileId}/meta`).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderFileMetaRequest {
    /// The file's full name.
    #[serde(rename = "file-name")]
    pub file_name: String,
    /// What the builder type needs of a file; `null` for business registration.
    #[serde(rename = "builder-data", default)]
    pub builder_data: Option<FileDataRequest>,
}

/// A file's data as a request sends it: the fields of every builder type in one object (the
/// request carries no builder type, and the types' fields are all optional, so an untagged
/// union could not tell them apart). fns534-inventory: `scanned-file-order`,
/// `is-file-encrypted`; fns534-letter: `attachment-file-order`.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileDataRequest {
    /// The page of a multi-page scanned document this file is (1 need not be sent).
    #[serde(rename = "scanned-file-order", default)]
    pub scanned_file_order: Option<FileOrder>,
    /// The file is encrypted (false unless sent); in the C# model only.
    #[serde(rename = "is-file-encrypted", default, skip_serializing_if = "Option::is_none")]
    pub is_file_encrypted: Option<bool>,
    /// The place of the file in a multi-page attachment; in the docs only (lines 413-430).
    #[serde(rename = "attachment-file-order", default)]
    pub attachment_file_order: Option<FileOrder>,
}

/// A file's place in its document: a number in the C# SDK (`int ScannedFileOrder`), a string
/// (`"3"`) in the docs' examples (lines 408 and 427). Both are read; prefer `Number`.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FileOrder {
    Number(i64),
    Text(String),
    /// Any other JSON.
    Other(serde_json::Value),
}

/// A file of a builder's document.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDocumentFile {
    /// The file's id, `{fileId}` of its routes.
    pub id: uuid::Uuid,
    #[serde(rename = "drafts-builder-id")]
    pub drafts_builder_id: uuid::Uuid,
    #[serde(rename = "drafts-builder-document-id")]
    pub drafts_builder_document_id: uuid::Uuid,
    /// Obsolete (the docs and the C# SDK say to use `content-id`).
    #[serde(rename = "content-link", default)]
    pub content_link: Option<BuilderLink>,
    /// The content's id in the contents service.
    #[serde(rename = "content-id", default)]
    pub content_id: Option<uuid::Uuid>,
    /// Where the file's signature is, when it has one.
    #[serde(rename = "signature-content-link", default)]
    pub signature_content_link: Option<BuilderLink>,
    pub meta: DraftsBuilderDocumentFileMeta,
}

/// A file's meta, as the server answers it.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDocumentFileMeta {
    #[serde(rename = "file-name")]
    pub file_name: String,
    #[serde(flatten)]
    pub builder_data: Option<FileData>,
}

/// A file's `builder-data`, chosen by its sibling `builder-type` (the C# SDK's `DraftsBuilderDocumentFileMetaConverter`).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "builder-type", content = "builder-data")]
pub enum FileData {
    #[serde(rename = "urn:drafts-builder:fns534-inventory")]
    Inventory(FileDataInventory),
    #[serde(rename = "urn:drafts-builder:fns534-letter")]
    Letter(FileDataLetter),
    #[serde(rename = "urn:drafts-builder:business-registration")]
    BusinessRegistration(FileDataBusinessRegistration),
    #[serde(rename = "urn:drafts-builder:pfr-report")]
    PfrReport(FileDataPfrReport),
    /// A kind not listed here.
    #[serde(other)]
    Unknown,
}

/// A builder's long-running operation: a build (`POST …/build?deferred=true`) or the
/// preparation of its documents (`POST …/documents/prepare`), read again at
/// `GET …/builders/{builderId}/tasks/{apiTaskId}` until its `task-state` is no longer
/// `running`. When it succeeded, `task-result` holds the result; when it failed, `error`
/// says why.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderTask {
    /// The task's id, for `GET …/tasks/{apiTaskId}`.
    pub id: uuid::Uuid,
    #[serde(rename = "task-state")]
    pub task_state: DraftsBuilderTaskState,
    /// What the task does, a URN. The Java SDK names `urn:task-type:draftBuilderBuild`
    /// (TaskType.java); no source names the URN of a documents' preparation.
    #[serde(rename = "task-type", default)]
    pub task_type: Option<String>,
    /// What a task that succeeded gives; absent while it runs.
    #[serde(rename = "task-result", default)]
    pub task_result: Option<DraftsBuilderTaskResult>,
    /// Why a failed task failed, the API's error body (`id`, `status-code`, `message`, …).
    #[serde(default)]
    pub error: Option<serde_json::Value>,
}

/// Where a task is; the C# SDK's `ApiTaskState`.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftsBuilderTaskState {
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

/// The result of a builder task. The C# SDK reads one route with two typed readers
/// (`GetBuildDraftsTaskAsync`, `GetPrepareDocumentsTaskAsync`) and never looks at
/// `task-type`; no source names the preparation's task type, so the union is untagged, as the
/// C# SDK reads it: a build's result has `draft-ids`, tried first; a preparation's has only
/// the documents with errors, so any other object is read as one too.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DraftsBuilderTaskResult {
    Build(DraftsBuilderBuildResult),
    PrepareDocuments(DraftsBuilderPrepareDocumentsResult),
    /// Any other JSON.
    Other(serde_json::Value),
}

/// What a build made: the drafts, and the documents it could not put in one. A build with
/// such documents still succeeds ("docs/builder/методы билдера.rst", lines 180, 205).
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderBuildResult {
    /// The drafts made, each with its documents, the inventory file and the warrant.
    #[serde(rename = "draft-ids")]
    pub draft_ids: Vec<uuid::Uuid>,
    /// The documents with errors; fix them and build a new builder.
    #[serde(rename = "error-drafts-builder-documents", default)]
    pub error_drafts_builder_documents: Option<Vec<DraftsBuilderDocumentError>>,
}

/// What preparing the builder's documents found.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderPrepareDocumentsResult {
    /// The documents with errors.
    #[serde(rename = "error-drafts-builder-documents", default)]
    pub error_drafts_builder_documents: Option<Vec<DraftsBuilderDocumentError>>,
}

/// A document of the builder with an error.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDocumentError {
    #[serde(rename = "document-id")]
    pub document_id: uuid::Uuid,
    #[serde(rename = "error-message", default)]
    pub error_message: Option<String>,
}

/// A pension fund report, `urn:drafts-builder:pfr-report`; the C# model has no field.
#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftsBuilderDataPfrReport {
}

#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentDataPfrReport {
}

#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileDataInventory {
    #[serde(rename = "scanned-file-order", default)]
    pub scanned_file_order: Option<FileOrder>,
    #[serde(rename = "is-file-encrypted", default, skip_serializing_if = "Option::is_none")]
    pub is_file_encrypted: Option<bool>,
}

#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileDataLetter {
    #[serde(rename = "attachment-file-order", default)]
    pub attachment_file_order: Option<FileOrder>,
}

#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileDataBusinessRegistration {
}

#[cfg(any(feature = "builders"))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileDataPfrReport {
}
