//! Decoding a large docflow body: the generated types (spec format version
//! 2) beside plain `#[derive(Deserialize)]` structs of the same shape
//! written by hand, in time and in peak memory, in one run.
//!
//! Two bodies, each built in memory, deterministically, and just under the
//! decoder's 1 MiB cap (`kontur_extern::MAX_BODY_BYTES`):
//!
//! - **page**: a page of `GET /v1/{accountId}/docflows`
//!   (`spec/extern/docflow-page.yaml`) with 1,000 `DocflowPageItem`s, 95 %
//!   `urn:docflow:fns534-report` and 5 % other types (two the spec does not
//!   model, so their descriptions take the union's `Unknown` fallback, and
//!   three it does: letter, letter from the tax office, demand);
//! - **docflows**: full `Docflow`s as `GET /v1/{accountId}/docflows/{id}`
//!   returns them, with documents and signatures, through the bench-only
//!   spec `benches/specs/docflow-list.yaml`; as many as fit in the same
//!   size (82, about 12.2 KB each: 1,000 of them would be about 12 MB,
//!   which the decoder refuses).
//!
//! The page's items carry one link (`self`), as the second item of the
//! page example does. With the `organization` link of its first item too
//! (1,236 bytes for that item, compact), 1,000 items make about 1.17 MB,
//! which `Endpoint::decode` refuses: over `MAX_BODY_BYTES`.
//!
//! Three ways of decoding each, side by side:
//!
//! - **hand-written serde**: `serde_json::from_slice` into the structs of
//!   [`hand`] (see there for what the baseline keeps and drops);
//! - **generated, from_slice**: `serde_json::from_slice` into the generated
//!   body type: the cost of the types alone;
//! - **generated, Endpoint::decode**: the generated `decode` on an
//!   `http::Response<Vec<u8>>` (a clone made outside the timing): the types
//!   plus the runtime's decoder (status, body cap, `Content-Encoding`, the
//!   trace id header).
//!
//! Measured three ways: criterion (each variant alone, `decode/...`); the
//! variants taking turns in rounds, timed by this file, whose medians give
//! the printed time ratios; and peak heap memory, once per variant, with the
//! counting global allocator below. Decoded values are dropped outside
//! every timing. Reproduce with `cargo bench --bench decode`; without
//! `--bench` (as `cargo test --benches` runs it) each part runs once.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use kontur_extern::{Endpoint, MAX_BODY_BYTES};

kontur_extern::types!("spec/extern/types.yaml");
kontur_extern::endpoint!("spec/extern/docflow-page.yaml");
kontur_extern::endpoint!("benches/specs/docflow-list.yaml");

use extern_types::{DocflowDescription, DocflowPage, DocflowPageItem};
use list_docflows::{DocflowList, ListDocflows};
use search_docflows::SearchDocflows;

/// Items in the page, as the issue asks.
const PAGE_ITEMS: usize = 1_000;
/// The size both bodies are built up to: about 1 MB, under the decoder's cap.
const TARGET_BYTES: usize = 1_000_000;
/// Rounds of the interleaved timing when benching (each variant once a round).
const ROUNDS: usize = 400;

// ---------------------------------------------------------------- peak memory

/// The system allocator, counting the bytes asked for while [`COUNTING`] is
/// on: the current total (which goes below zero when blocks allocated
/// before are freed) and its peak. Requested sizes, not the allocator's own
/// overhead. A `realloc` counts as if the block moved (the new block before
/// the old one is freed), the worst case. Off, it costs one relaxed load per
/// call, for every variant alike.
struct CountingAllocator;

static COUNTING: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grow(bytes: usize) {
    let now = CURRENT.fetch_add(bytes as isize, Ordering::Relaxed) + bytes as isize;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrink(bytes: usize) {
    CURRENT.fetch_sub(bytes as isize, Ordering::Relaxed);
}

// SAFETY: every call goes to `System` with the caller's arguments; the
// counting touches only atomics.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() && COUNTING.load(Ordering::Relaxed) {
            grow(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() && COUNTING.load(Ordering::Relaxed) {
            grow(layout.size());
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(block, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            shrink(layout.size());
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as received.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() && COUNTING.load(Ordering::Relaxed) {
            grow(new_size);
            shrink(layout.size());
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// What one decode asked of the heap, beyond what was allocated before it.
struct Memory {
    /// The highest total during the decode, the decoded value included.
    peak: isize,
    /// The total when it returned, with the value alive: what the value
    /// holds, less what the decode freed of older blocks (the input body,
    /// for `Endpoint::decode`).
    held: isize,
}

/// Runs `decode` with counting on. Its input is allocated before, so it is
/// not counted; the value it returns is alive at the end, so it is. The
/// value is dropped after counting stops.
fn measure<T>(decode: impl FnOnce() -> T) -> Memory {
    CURRENT.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let value = black_box(decode());
    COUNTING.store(false, Ordering::SeqCst);
    let memory = Memory {
        peak: PEAK.load(Ordering::SeqCst),
        held: CURRENT.load(Ordering::SeqCst),
    };
    drop(value);
    memory
}

// ---------------------------------------------------------------- the baseline

/// The hand-written baseline: what someone would write with serde's derive
/// alone for the same JSON, as strict (cheap) as it can fairly be.
///
/// - The same scalar types as the generated code (`Uuid`, `Url`,
///   `kontur_extern::DateTime` and `Date`, `i64`, `serde_json::Value` for
///   `json`), so that only the structure differs.
/// - Enums (`type`, `status`, `success-state`, document types, …) are
///   `String`s: no list of values to keep up to date, nothing refused.
/// - The description is the report struct directly, with no union: what
///   someone who only needs reports would write. Since 5 % of the items are
///   of other types, every field of it is optional (`Option`, absent is
///   `None`), or serde would refuse the page: another type's description
///   then decodes into a report of `None`s, its own keys skipped. It keeps
///   none of their data and reads each description once, as the
///   generated code does when `type` comes before `description` (it keeps
///   other types' descriptions, and buffers a description that comes
///   first as a `RawValue`). Whether a key is required or optional
///   costs serde's derive nothing measurable on a report.
/// - Everything else is required or optional as in `spec/extern/types.yaml`.
// Most fields are decoded only to be measured, never read.
#[allow(dead_code)]
mod hand {
    use kontur_extern::{Date, DateTime, Url, Uuid};
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Page {
        pub skip: i64,
        pub take: i64,
        pub total_count: i64,
        pub docflows_page_item: Vec<PageItem>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct PageItem {
        pub id: Uuid,
        pub organization_id: Uuid,
        pub r#type: String,
        pub status: String,
        pub success_state: Option<String>,
        pub description: Report,
        pub links: Vec<Link>,
        pub send_date: Option<DateTime>,
        pub last_change_date: Option<DateTime>,
        pub abonent_id: Option<Uuid>,
        pub extern_user_id: Option<Uuid>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Link {
        pub href: Url,
        pub rel: String,
        pub name: Option<String>,
        pub title: Option<String>,
        pub profile: Option<String>,
        pub templated: Option<bool>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Report {
        pub form_version: Option<FormVersion>,
        pub recipient: Option<String>,
        pub final_recipient: Option<String>,
        pub correction_number: Option<i64>,
        pub period_begin: Option<Date>,
        pub period_end: Option<Date>,
        pub period_code: Option<String>,
        pub payer_inn: Option<String>,
        pub report_inn: Option<String>,
        pub report_kpp: Option<String>,
        pub related_docflow_id: Option<Uuid>,
        pub related_document_id: Option<Uuid>,
        pub oktmo: Option<String>,
        pub reorganization_form: Option<String>,
        pub reorganization_inn: Option<String>,
        pub reorganization_kpp: Option<String>,
        pub payment_periods: Option<Vec<PaymentPeriods>>,
        pub original_draft_id: Option<Uuid>,
        pub requisites: Option<Requisites>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct FormVersion {
        pub knd: Option<String>,
        pub okud: Option<String>,
        pub version: Option<String>,
        pub form_fullname: Option<String>,
        pub form_shortname: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct PaymentPeriods {
        pub kbk: Option<String>,
        pub periods: Option<Vec<PaymentPeriod>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct PaymentPeriod {
        pub period_code: Option<String>,
        pub month_or_quarter_number: Option<String>,
        pub year: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Requisites {
        pub comment: Option<Comment>,
    }

    #[derive(Deserialize)]
    pub struct Comment {
        pub text: Option<String>,
        pub color: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct DocflowList {
        pub docflows: Vec<Docflow>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Docflow {
        pub id: Uuid,
        pub organization_id: Uuid,
        pub r#type: String,
        pub status: String,
        pub success_state: Option<String>,
        pub description: Report,
        pub documents: Vec<Document>,
        pub links: Vec<Link>,
        pub send_date: Option<DateTime>,
        pub last_change_date: Option<DateTime>,
        pub abonent_id: Option<Uuid>,
        pub extern_user_id: Option<Uuid>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Document {
        pub id: Uuid,
        pub description: DocumentDescription,
        pub content: Option<DocumentContent>,
        pub send_date: Option<DateTime>,
        pub signatures: Vec<Signature>,
        pub links: Vec<Link>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct DocumentDescription {
        pub r#type: String,
        pub filename: Option<String>,
        pub content_type: Option<String>,
        pub decrypted_content_size: Option<i64>,
        pub encrypted_content_size: Option<i64>,
        pub compressed: bool,
        pub requisites: Option<serde_json::Value>,
        pub related_docflows_count: Option<i64>,
        pub support_recognition: bool,
        pub encrypted_certificates: Vec<EncryptedCertificate>,
        pub support_print: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct EncryptedCertificate {
        pub serial_number: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct DocumentContent {
        pub decrypted: Option<Link>,
        pub encrypted: Option<Link>,
        pub docflow_document_contents: Option<Vec<DocflowDocumentContent>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct DocflowDocumentContent {
        pub content_id: Uuid,
        pub encrypted: bool,
        pub compressed: bool,
        pub compression_type: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Signature {
        pub id: Uuid,
        pub title: String,
        pub signature_certificate_thumbprint: String,
        pub content_link: Link,
        pub links: Vec<Link>,
        pub signer_type: Option<String>,
    }
}

// ---------------------------------------------------------------- the bodies

/// splitmix64 with a fixed seed: the same bodies in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A version 4 UUID, lowercase and hyphenated as Kontur sends them.
    fn uuid(&mut self) -> String {
        let (high, low) = (self.next(), self.next());
        let high = (high & !0xf000) | 0x4000;
        let low = (low & !(0xc << 60)) | (0x8 << 60);
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xffff,
            low >> 48,
            low & 0xffff_ffff_ffff
        )
    }

    fn hex(&mut self, digits: usize) -> String {
        let mut text = String::with_capacity(digits);
        while text.len() < digits {
            let _ = write!(text, "{:016X}", self.next());
        }
        text.truncate(digits);
        text
    }

    fn digits(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// A Kontur timestamp: 7 fractional digits, then nothing (no offset),
    /// `Z` or `+03:00`.
    fn timestamp(&mut self, year: u64, offset: &str) -> String {
        format!(
            "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{}{offset}",
            1 + self.below(12),
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60),
            self.digits(7)
        )
    }
}

/// A JSON object written in the order its keys are given, as the API
/// writes them.
struct Object(String);

impl Object {
    fn new() -> Self {
        Object(String::from("{"))
    }

    fn raw(mut self, key: &str, json: &str) -> Self {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&quote(key));
        self.0.push(':');
        self.0.push_str(json);
        self
    }

    fn str(self, key: &str, value: &str) -> Self {
        self.raw(key, &quote(value))
    }

    fn int(self, key: &str, value: u64) -> Self {
        self.raw(key, &value.to_string())
    }

    fn bool(self, key: &str, value: bool) -> Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn array(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(","))
}

const API: &str = "https://extern-api.testkontur.ru/v1";
const ACCOUNT: &str = "bd0cd3f6-315d-4f03-a9cc-3507f63265ed";
const ORGANIZATIONS: [&str; 3] = [
    "988b38f1-5580-4ba9-b9f8-3215e7f392ea",
    "1f0a3c6e-92d4-4e0b-8a57-6c1d0e2b9f43",
    "5c7e2d10-4b8a-4f6e-b3d2-7a9e1c0f5b68",
];
/// (INN-KPP as `payer-inn`, signer) per organization.
const PAYERS: [(&str, &str); 3] = [
    (
        "7757424860-680345565",
        "ООО 'Баланс Плюс' (Марков Георгий Эльдарович)",
    ),
    (
        "6663003127-667101001",
        "АО 'Уральский завод точного литья' (Соколова Анна Викторовна)",
    ),
    (
        "5029000015-502901001",
        "ООО 'Северная торговая компания' (Ильин Пётр Сергеевич)",
    ),
];
/// (KND, version, full name, short name) of common FNS forms.
const FORMS: [(&str, &str, &str, &str); 8] = [
    (
        "1110018",
        "100501",
        "Сведения о среднесписочной численности работников за предшествующий календарный год",
        "Сведения о среднесписочной численности",
    ),
    (
        "1151001",
        "5.08",
        "Налоговая декларация по налогу на добавленную стоимость",
        "НДС",
    ),
    (
        "1151006",
        "5.07",
        "Налоговая декларация по налогу на прибыль организаций",
        "Прибыль",
    ),
    ("1151111", "5.05", "Расчет по страховым взносам", "РСВ"),
    (
        "0710099",
        "5.10",
        "Бухгалтерская (финансовая) отчетность",
        "Бухгалтерская отчетность",
    ),
    (
        "1152017",
        "5.07",
        "Налоговая декларация по налогу, уплачиваемому в связи с применением упрощенной системы налогообложения",
        "УСН",
    ),
    (
        "1151100",
        "5.04",
        "Расчет сумм налога на доходы физических лиц, исчисленных и удержанных налоговым агентом (6-НДФЛ)",
        "6-НДФЛ",
    ),
    (
        "1110355",
        "5.03",
        "Уведомление об исчисленных суммах налогов, авансовых платежей по налогам, сборов, страховых взносов",
        "Уведомление об исчисленных суммах",
    ),
];
const TAX_OFFICES: [&str; 5] = ["0087", "7713", "7746", "6658", "5029"];
const COMMENTS: [(&str, &str); 3] = [
    ("Проверить перед сдачей уточненки", "yellow"),
    ("Отправлено бухгалтером филиала", "green"),
    ("Ждем ответа инспекции по требованию", "red"),
];

/// Docflow types other than reports, each with its description.
#[derive(Clone, Copy)]
enum Other {
    /// `urn:docflow:pfr-report`: not modelled, the union's `Unknown`.
    PfrReport,
    /// `urn:docflow:stat-report`: not modelled, the union's `Unknown`.
    StatReport,
    Letter,
    CuLetter,
    Demand,
}

const OTHERS: [Other; 5] = [
    Other::PfrReport,
    Other::Letter,
    Other::StatReport,
    Other::Demand,
    Other::CuLetter,
];

/// What one docflow of the bodies is.
struct Plan {
    id: String,
    organization: usize,
    other: Option<Other>,
    /// 0 sent, 1 delivered, 2 response arrived, 3 finished.
    progress: u64,
    year: u64,
}

impl Plan {
    /// The `index`-th docflow: one in 20 is of another type than a report.
    fn new(rng: &mut Rng, index: usize) -> Self {
        let progress = match rng.below(10) {
            0 => 0,
            1 => 1,
            2 => 2,
            _ => 3,
        };
        Plan {
            id: rng.uuid(),
            organization: rng.below(ORGANIZATIONS.len() as u64) as usize,
            other: (index % 20 == 7).then(|| OTHERS[(index / 20) % OTHERS.len()]),
            progress,
            year: 2019 + rng.below(6),
        }
    }

    fn docflow_type(&self) -> &'static str {
        match self.other {
            None => "urn:docflow:fns534-report",
            Some(Other::PfrReport) => "urn:docflow:pfr-report",
            Some(Other::StatReport) => "urn:docflow:stat-report",
            Some(Other::Letter) => "urn:docflow:fns534-letter",
            Some(Other::CuLetter) => "urn:docflow:fns534-cu-letter",
            Some(Other::Demand) => "urn:docflow:fns534-demand",
        }
    }

    fn href(&self) -> String {
        format!("{API}/{ACCOUNT}/docflows/{}", self.id)
    }

    /// The fields every docflow has before its description.
    fn head(&self, rng: &mut Rng) -> Object {
        let status = match self.progress {
            0 => "urn:docflow-common-status:sent",
            1 => "urn:docflow-common-status:delivered",
            2 => "urn:docflow-common-status:response-arrived",
            _ => "urn:docflow-common-status:finished",
        };
        let state = match (self.progress, rng.below(20)) {
            (0..=2, _) => "urn:docflow-state:neutral",
            (_, 0) => "urn:docflow-state:failed",
            (_, 1) => "urn:docflow-state:warning",
            _ => "urn:docflow-state:successful",
        };
        Object::new()
            .str("id", &self.id)
            .str("organization-id", ORGANIZATIONS[self.organization])
            .str("type", self.docflow_type())
            .str("status", status)
            .str("success-state", state)
    }

    /// The fields every docflow has after its description (and documents).
    /// A full docflow has the three links of the documented GET Docflow
    /// example; a page item only `self`, as the second item of the page
    /// example (with `organization` too, as its first, the page would be
    /// over the decoder's 1 MiB cap).
    fn tail(&self, rng: &mut Rng, object: Object, full: bool) -> String {
        let mut links = vec![link("self", &self.href())];
        if full {
            links.push(link(
                "organization",
                &format!(
                    "{API}/{ACCOUNT}/organizations/{}",
                    ORGANIZATIONS[self.organization]
                ),
            ));
            links.push(link(
                "web-docflow",
                &format!(
                    "https://setter.testkontur.ru/?inn={}&forward_to_rel=/ft/transmission/state.aspx?key={}%3d%3d",
                    &PAYERS[self.organization].0[..10],
                    rng.hex(86)
                ),
            ));
        }
        let links = array(links);
        // Sent without an offset, as in the documented example; changed
        // with `Z` mostly, with `+03:00` at times, never for a few.
        let sent = rng.timestamp(self.year, "");
        let changed = match rng.below(10) {
            0 => "null".to_owned(),
            1 | 2 => quote(&rng.timestamp(self.year, "+03:00")),
            _ => quote(&rng.timestamp(self.year, "Z")),
        };
        object
            .raw("links", &links)
            .str("send-date", &sent)
            .raw("last-change-date", &changed)
            .finish()
    }

    fn description(&self, rng: &mut Rng) -> String {
        let (payer, _) = PAYERS[self.organization];
        let office = *rng.pick(&TAX_OFFICES);
        let midnight =
            |month: u64, day: u64| format!("{}-{month:02}-{day:02}T00:00:00.0000000", self.year);
        match self.other {
            None => {
                let (knd, version, full, short) = *rng.pick(&FORMS);
                let form = Object::new()
                    .str("knd", knd)
                    .str("version", version)
                    .str("form-fullname", full)
                    .str("form-shortname", short)
                    .finish();
                let quarter = rng.below(5);
                let (begin, end, code) = match quarter {
                    0 => (midnight(1, 1), midnight(12, 31), "34"),
                    1 => (midnight(1, 1), midnight(3, 31), "21"),
                    2 => (midnight(4, 1), midnight(6, 30), "31"),
                    3 => (midnight(7, 1), midnight(9, 30), "33"),
                    _ => (midnight(10, 1), midnight(12, 31), "34"),
                };
                let correction = if rng.chance(85) { 0 } else { 1 + rng.below(3) };
                let mut description = Object::new()
                    .raw("form-version", &form)
                    .str("recipient", office)
                    .str("final-recipient", office)
                    .int("correction-number", correction)
                    .str("period-begin", &begin)
                    .str("period-end", &end)
                    .str("period-code", code)
                    .str("payer-inn", payer);
                if rng.chance(30) {
                    let (inn, kpp) = payer.split_once('-').unwrap_or((payer, ""));
                    description = description
                        .str("report-inn", inn)
                        .str("report-kpp", kpp)
                        .str("oktmo", &rng.digits(8));
                }
                if correction > 0 {
                    description = description.str("related-docflow-id", &rng.uuid());
                }
                if rng.chance(80) {
                    description = description.str("original-draft-id", &rng.uuid());
                }
                if rng.chance(10) {
                    let (text, color) = *rng.pick(&COMMENTS);
                    let comment = Object::new().str("text", text).str("color", color).finish();
                    let requisites = Object::new().raw("comment", &comment).finish();
                    description = description.raw("requisites", &requisites);
                }
                description.finish()
            }
            Some(Other::PfrReport) => Object::new()
                .str("cu", "087-108")
                .str("registration-number", &format!("087-108-{}", rng.digits(6)))
                .str("final-recipient", "087-108")
                .raw(
                    "form-version",
                    &Object::new().str("form-shortname", "СЗВ-ТД").finish(),
                )
                .str("period-begin", &midnight(3, 1))
                .str("period-end", &midnight(3, 31))
                .finish(),
            Some(Other::StatReport) => Object::new()
                .str("okpo", &rng.digits(8))
                .str("recipient", "45-00")
                .raw(
                    "form-version",
                    &Object::new()
                        .str("okud", "0601013")
                        .str(
                            "form-fullname",
                            "Сведения об использовании информационных и коммуникационных технологий",
                        )
                        .finish(),
                )
                .str("period-begin", &midnight(1, 1))
                .str("period-end", &midnight(12, 31))
                .finish(),
            Some(Other::Letter) => Object::new()
                .str("recipient", office)
                .str("final-recipient", office)
                .str("subject", "О представлении пояснений к декларации по НДС")
                .str("sender-inn", payer)
                .str("original-draft-id", &rng.uuid())
                .finish(),
            Some(Other::CuLetter) => Object::new()
                .str("cu", office)
                .str("subject", "Информационное письмо о порядке заполнения уведомлений")
                .str("recipient-inn", payer)
                .finish(),
            Some(Other::Demand) => Object::new()
                .int("attachments-count", 1)
                .raw(
                    "form-versions",
                    &array([Object::new()
                        .str("knd", "1165050")
                        .str("version", "5.01")
                        .str("form-fullname", "Требование о представлении пояснений")
                        .str("form-shortname", "Требование о представлении пояснений")
                        .finish()]),
                )
                .str("payer-inn", payer)
                .str("cu", office)
                .str("receipt-status", "accepted")
                .str("receipt-deadline-date", &midnight(5, 12))
                .str("reply-deadline-date", &midnight(5, 20))
                .str("replies-status", "not-sent")
                .finish(),
        }
    }
}

fn link(rel: &str, href: &str) -> String {
    Object::new().str("rel", rel).str("href", href).finish()
}

/// One docflow as `docflows-page-item` lists it.
fn page_item(rng: &mut Rng, index: usize) -> String {
    let plan = Plan::new(rng, index);
    let head = plan.head(rng).raw("description", &plan.description(rng));
    plan.tail(rng, head, false)
}

/// One docflow with its documents, as `GET .../docflows/{id}` returns it.
fn full_docflow(rng: &mut Rng, index: usize) -> String {
    let plan = Plan::new(rng, index);
    let head = plan.head(rng).raw("description", &plan.description(rng));
    // The report, then one document per step of the exchange, as in the
    // documented example (its document types for reports; others' own).
    let prefix = match plan.other {
        None => "fns534-report",
        Some(Other::PfrReport) => "pfr-report",
        Some(Other::StatReport) => "stat-report",
        Some(Other::Letter) => "fns534-letter",
        Some(Other::CuLetter) => "fns534-cu-letter",
        Some(Other::Demand) => "fns534-demand",
    };
    let mut steps = vec![(String::new(), true, "organization-representative")];
    steps.push((
        "-date-confirmation".to_owned(),
        false,
        "provider-representative",
    ));
    if plan.progress >= 1 {
        steps.push(("-receipt".to_owned(), false, "cu-representative"));
    }
    // Results of processing and acceptance are a report's; other types
    // stop at the receipt.
    if plan.progress >= 2 && plan.other.is_none() {
        steps.push((
            "-processing-result-ok".to_owned(),
            true,
            "cu-representative",
        ));
    }
    if plan.progress >= 3 && plan.other.is_none() {
        steps.push((
            "-acceptance-result-positive".to_owned(),
            true,
            "cu-representative",
        ));
    }
    let (_, signer) = PAYERS[plan.organization];
    let documents = steps.into_iter().map(|(suffix, encrypted, signer_type)| {
        let id = rng.uuid();
        let href = format!("{}/documents/{id}", plan.href());
        let file = format!(
            "{}_{}_{}.xml",
            if encrypted { "NO_NDS" } else { "IZ_NOSRCHIS" },
            rng.digits(19),
            rng.hex(32).to_ascii_lowercase()
        );
        let size = 1_500 + rng.below(40_000);
        let (content_key, content_rel) = if encrypted {
            ("encrypted", "encrypted-content")
        } else {
            ("decrypted", "decrypted-content")
        };
        let certificates = if encrypted {
            array([Object::new().str("serial-number", &rng.hex(32)).finish()])
        } else {
            "[]".to_owned()
        };
        let mut description = Object::new()
            .str("type", &format!("urn:document:{prefix}{suffix}"))
            .str("filename", &file)
            .str("content-type", "application/xml")
            .int(
                if encrypted {
                    "encrypted-content-size"
                } else {
                    "decrypted-content-size"
                },
                size,
            )
            .bool("compressed", true)
            .raw("requisites", "{}")
            .bool("support-recognition", false)
            .raw("encrypted-certificates", &certificates);
        if rng.chance(50) {
            description = description.str("support-print", "yes");
        }
        let contents = array([Object::new()
            .str("content-id", &rng.uuid())
            .bool("encrypted", encrypted)
            .bool("compressed", true)
            .str("compression-type", "gzip")
            .finish()]);
        let content = Object::new()
            .raw(
                content_key,
                &link(content_rel, &format!("{href}/{content_rel}")),
            )
            .raw("docflow-document-contents", &contents)
            .finish();
        let signature_id = rng.uuid();
        let signature_href = format!("{href}/signatures/{signature_id}");
        let title = if signer_type == "organization-representative" {
            signer
        } else {
            "Межрайонная ИФНС России № 7 (Корионов Илья Валерьянович)"
        };
        let signature = Object::new()
            .str("id", &signature_id)
            .str("title", title)
            .str("signature-certificate-thumbprint", &rng.hex(40))
            .raw(
                "content-link",
                &link("content", &format!("{signature_href}/content")),
            )
            .raw(
                "links",
                &array([
                    link("self", &format!("{signature_href}/content")),
                    link("docflow", &plan.href()),
                ]),
            )
            .str("signer-type", signer_type)
            .finish();
        let mut links = vec![
            link("docflow", &plan.href()),
            link("self", &href),
            link(content_rel, &format!("{href}/{content_rel}")),
        ];
        if encrypted {
            links.push(link("decrypt-content", &format!("{href}/decrypt-content")));
        }
        Object::new()
            .str("id", &id)
            .raw("description", &description.finish())
            .raw("content", &content)
            .str("send-date", &rng.timestamp(plan.year, "Z"))
            .raw("signatures", &array([signature]))
            .raw("links", &array(links))
            .finish()
    });
    let head = head.raw("documents", &array(documents.collect::<Vec<_>>()));
    plan.tail(rng, head, true)
}

/// The page of [`PAGE_ITEMS`] docflows, compact JSON.
fn page_body() -> Vec<u8> {
    let mut rng = Rng(0x4b6f_6e74_7572_0001);
    let items: Vec<String> = (0..PAGE_ITEMS).map(|i| page_item(&mut rng, i)).collect();
    format!(
        "{{\"skip\":0,\"take\":{PAGE_ITEMS},\"total-count\":{},\"docflows-page-item\":{}}}",
        PAGE_ITEMS * 3,
        array(items)
    )
    .into_bytes()
}

/// As many full docflows as fit in [`TARGET_BYTES`], compact JSON.
fn docflow_list_body() -> Vec<u8> {
    let mut rng = Rng(0x4b6f_6e74_7572_0002);
    let mut items = Vec::new();
    let mut size = "{\"docflows\":[]}".len();
    loop {
        let item = full_docflow(&mut rng, items.len());
        if size + item.len() + 1 > TARGET_BYTES {
            break;
        }
        size += item.len() + 1;
        items.push(item);
    }
    format!("{{\"docflows\":{}}}", array(items)).into_bytes()
}

/// The body as a server would send it: 200, JSON, a trace id, no encoding.
fn http_response(body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-Kontur-Trace-Id", "0d8f2a3c-5b6e-4f71-9a2b-3c4d5e6f7a8b")
        .body(body.to_vec())
        .expect("a response")
}

// ---------------------------------------------------------------- the variants

const VARIANTS: [&str; 3] = [
    "hand-written serde",
    "generated, from_slice",
    "generated, Endpoint::decode",
];

/// One body and its three decoders; `decode(variant)` returns the decoded
/// value, to be dropped by the caller outside any timing.
struct Case {
    name: &'static str,
    items: usize,
    bytes: Vec<u8>,
    response: http::Response<Vec<u8>>,
    hand: fn(&[u8]) -> Box<dyn Send>,
    generated: fn(&[u8]) -> Box<dyn Send>,
    endpoint: fn(http::Response<Vec<u8>>) -> Box<dyn Send>,
}

impl Case {
    fn page() -> Self {
        let bytes = page_body();
        Case {
            name: "page",
            items: PAGE_ITEMS,
            response: http_response(&bytes),
            bytes,
            hand: |bytes| Box::new(hand_page(bytes)),
            generated: |bytes| Box::new(generated_page(bytes)),
            endpoint: |response| Box::new(endpoint_page(response)),
        }
    }

    fn docflows() -> Self {
        let bytes = docflow_list_body();
        let items = hand_docflows(&bytes).docflows.len();
        Case {
            name: "docflows",
            items,
            response: http_response(&bytes),
            bytes,
            hand: |bytes| Box::new(hand_docflows(bytes)),
            generated: |bytes| Box::new(generated_docflows(bytes)),
            endpoint: |response| Box::new(endpoint_docflows(response)),
        }
    }

    /// Decodes once with `variant`; the clone of the response for
    /// `Endpoint::decode` is made before `timed` starts.
    fn run<T>(&self, variant: usize, timed: impl FnOnce(&dyn Fn() -> Box<dyn Send>) -> T) -> T {
        match variant {
            0 => timed(&|| (self.hand)(&self.bytes)),
            1 => timed(&|| (self.generated)(&self.bytes)),
            _ => {
                let response = std::cell::Cell::new(Some(self.response.clone()));
                timed(&|| (self.endpoint)(response.take().expect("one decode per clone")))
            }
        }
    }
}

fn hand_page(bytes: &[u8]) -> hand::Page {
    serde_json::from_slice(bytes).expect("the hand-written page decodes")
}

fn generated_page(bytes: &[u8]) -> DocflowPage {
    serde_json::from_slice(bytes).expect("the generated page decodes")
}

fn endpoint_page(response: http::Response<Vec<u8>>) -> search_docflows::Response {
    SearchDocflows::decode(response).expect("Endpoint::decode reads the page")
}

fn hand_docflows(bytes: &[u8]) -> hand::DocflowList {
    serde_json::from_slice(bytes).expect("the hand-written docflows decode")
}

fn generated_docflows(bytes: &[u8]) -> DocflowList {
    serde_json::from_slice(bytes).expect("the generated docflows decode")
}

fn endpoint_docflows(response: http::Response<Vec<u8>>) -> list_docflows::Response {
    ListDocflows::decode(response).expect("Endpoint::decode reads the docflows")
}

/// The hand-written and the generated decoding read the same docflows.
fn check_page(bytes: &[u8]) {
    let hand = hand_page(bytes);
    let generated = generated_page(bytes);
    assert_eq!(
        (hand.skip, hand.take, hand.total_count),
        (generated.skip, generated.take, generated.total_count)
    );
    assert_eq!(hand.docflows_page_item.len(), PAGE_ITEMS);
    assert_eq!(generated.docflows_page_item.len(), PAGE_ITEMS);
    let mut unknown = 0;
    for (hand, generated) in hand
        .docflows_page_item
        .iter()
        .zip(&generated.docflows_page_item)
    {
        check_item(hand, generated);
        unknown += usize::from(matches!(
            generated.description,
            DocflowDescription::Unknown(_)
        ));
    }
    assert_eq!(
        unknown,
        PAGE_ITEMS / 20 * 2 / 5,
        "the union's fallback is used"
    );
}

fn check_item(hand: &hand::PageItem, generated: &DocflowPageItem) {
    assert_eq!(hand.id, generated.id);
    assert_eq!(hand.r#type, generated.r#type.as_str());
    assert_eq!(hand.status, generated.status.as_str());
    assert_eq!(hand.send_date, generated.send_date);
    assert_eq!(hand.last_change_date, generated.last_change_date);
    assert_eq!(hand.links.len(), generated.links.len());
    assert!(
        hand.links
            .iter()
            .zip(&generated.links)
            .all(|(a, b)| a.href == b.href && a.rel == b.rel)
    );
    check_description(&hand.description, &generated.description);
}

fn check_description(hand: &hand::Report, generated: &DocflowDescription) {
    if let DocflowDescription::Report(report) = generated {
        assert_eq!(hand.payer_inn.as_ref(), Some(&report.payer_inn));
        assert_eq!(hand.period_end, Some(report.period_end));
        assert_eq!(hand.correction_number, Some(report.correction_number));
        assert_eq!(hand.original_draft_id, report.original_draft_id);
        assert_eq!(
            hand.form_version
                .as_ref()
                .and_then(|f| f.form_fullname.as_ref()),
            report.form_version.form_fullname.as_ref()
        );
    }
}

fn check_docflows(bytes: &[u8]) {
    let hand = hand_docflows(bytes);
    let generated = generated_docflows(bytes);
    assert_eq!(hand.docflows.len(), generated.docflows.len());
    for (hand, generated) in hand.docflows.iter().zip(&generated.docflows) {
        assert_eq!(hand.id, generated.id);
        assert_eq!(hand.r#type, generated.r#type.as_str());
        assert_eq!(hand.last_change_date, generated.last_change_date);
        check_description(&hand.description, &generated.description);
        assert_eq!(hand.documents.len(), generated.documents.len());
        for (hand, generated) in hand.documents.iter().zip(&generated.documents) {
            assert_eq!(hand.id, generated.id);
            assert_eq!(
                hand.description.r#type,
                generated.description.r#type.as_str()
            );
            assert_eq!(hand.send_date, generated.send_date);
            assert_eq!(hand.signatures.len(), generated.signatures.len());
            assert!(
                hand.signatures
                    .iter()
                    .zip(&generated.signatures)
                    .all(|(a, b)| a.id == b.id && a.content_link.href == b.content_link.href)
            );
            assert_eq!(hand.links.len(), generated.links.len());
        }
    }
}

// ---------------------------------------------------------------- reports

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Peak memory of each variant, once, outside criterion.
fn report_memory(case: &Case) {
    let memory: Vec<Memory> = (0..VARIANTS.len())
        .map(|variant| case.run(variant, |decode| measure(decode)))
        .collect();
    println!(
        "{}: peak heap bytes during one decode (the value included, the input body not):",
        case.name
    );
    for (variant, one) in memory.iter().enumerate() {
        println!(
            "  {:<30} peak {:>10} B  {:>6.3}x   held after {:>10} B",
            VARIANTS[variant],
            one.peak,
            one.peak as f64 / memory[0].peak as f64,
            one.held,
        );
    }
}

/// The variants in turns, `rounds` times, a different one first in each
/// round; each decode timed alone, the value dropped after the clock stops.
fn report_time(case: &Case, rounds: usize) {
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); VARIANTS.len()];
    for round in 0..rounds {
        for turn in 0..VARIANTS.len() {
            let variant = (round + turn) % VARIANTS.len();
            let (elapsed, value) = case.run(variant, |decode| {
                let started = Instant::now();
                let value = black_box(decode());
                (started.elapsed(), value)
            });
            drop(value);
            samples[variant].push(elapsed);
        }
    }
    let medians: Vec<Duration> = samples.iter_mut().map(|s| median(s)).collect();
    println!(
        "{}: median time per decode, {rounds} rounds, the variants in turns:",
        case.name
    );
    for (variant, median) in medians.iter().enumerate() {
        println!(
            "  {:<30} {:>8.3} ms  {:>6.3}x",
            VARIANTS[variant],
            millis(*median),
            millis(*median) / millis(medians[0]),
        );
    }
}

fn describe(case: &Case) {
    println!(
        "{}: {} docflows, {} bytes of JSON ({} per docflow)",
        case.name,
        case.items,
        case.bytes.len(),
        case.bytes.len() / case.items
    );
}

fn main() {
    let benching = std::env::args().any(|arg| arg == "--bench");
    let cases = [Case::page(), Case::docflows()];
    for case in &cases {
        describe(case);
        assert!(
            case.bytes.len() <= MAX_BODY_BYTES,
            "{} is over the cap",
            case.name
        );
    }
    check_page(&cases[0].bytes);
    check_docflows(&cases[1].bytes);
    println!(
        "sizes: DocflowPageItem {} B, hand-written {} B; Docflow {} B, hand-written {} B",
        size_of::<DocflowPageItem>(),
        size_of::<hand::PageItem>(),
        size_of::<extern_types::Docflow>(),
        size_of::<hand::Docflow>(),
    );
    println!();
    for case in &cases {
        report_memory(case);
    }
    println!();

    let mut criterion = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    for case in &cases {
        let mut group = criterion.benchmark_group(format!("decode/{}", case.name));
        for (variant, name) in VARIANTS.iter().enumerate() {
            group.bench_function(*name, |b| {
                b.iter_batched(
                    || match variant {
                        2 => Some(case.response.clone()),
                        _ => None,
                    },
                    |response| match response {
                        Some(response) => (case.endpoint)(response),
                        None if variant == 0 => (case.hand)(&case.bytes),
                        None => (case.generated)(&case.bytes),
                    },
                    BatchSize::PerIteration,
                );
            });
        }
        group.finish();
    }
    criterion.final_summary();
    println!();

    let rounds = if benching { ROUNDS } else { 1 };
    for case in &cases {
        report_time(case, rounds);
    }
}
