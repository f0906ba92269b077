//! Sentence frames: the shapes of news sentences, each filled with words at random
//! and remembered as its parts, so a copy can re-render it with one change (a
//! negation, another date, another name: see `render`).

use super::cast::{Cast, Person};
use super::rng::Rng;
use super::words::{english, Zipf};
use std::sync::OnceLock;

/// A preposition: they fall off by rank, "of" everywhere, "beyond" rarely.
fn link(rng: &mut Rng) -> &'static str {
    static FREQ: OnceLock<Zipf> = OnceLock::new();
    LINKS[FREQ.get_or_init(|| Zipf::new(LINKS.len(), 2)).sample(rng)]
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const ROLES: [&str; 12] = [
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "director",
    "chief executive",
    "chair",
    "head",
    "deputy director",
    "treasurer",
    "general counsel",
    "press officer",
    "senior adviser",
];
const EVENTS: [&str; 15] = [
    "summit",
    "trial",
    "hearing",
    "election",
    "referendum",
    "conference",
    "vote",
    "inquiry",
    "festival",
    "strike",
    "auction",
    "tournament",
    "ceremony",
    "meeting",
    "session",
];
/// How an event is announced: as written, in the past (for `tense` drift), and
/// reworded keeping the meaning (where there is a plain way to).
pub const EVENT_FORMS: [(&str, &str, Option<&str>); 5] = [
    ("is scheduled for", "was scheduled for", Some("is set for")),
    (
        "will take place on",
        "took place on",
        Some("will be held on"),
    ),
    (
        "is due to open on",
        "was due to open on",
        Some("is scheduled to open on"),
    ),
    ("is expected to begin on", "was expected to begin on", None),
    ("will be held on", "was held on", Some("will take place on")),
];
/// How a speaker said it: "X, the director of Y, said on Monday that ...".
pub const SPEECH: [&str; 4] = ["said", "told reporters", "said in a statement", "announced"];
/// How a quote reached an outlet: `{}` is the outlet.
pub const QUOTED: [&str; 6] = [
    "told the {}",
    "said in an interview with the {}",
    "told the {} in an interview",
    "wrote in a column for the {}",
    "said, speaking to the {}",
    "told a reporter from the {}",
];
/// How a figure is attributed: `{o}` is the organisation, `{m}` what it measures.
pub const FIGURED: [&str; 3] = [
    "{o} said {m}",
    "{o} reported that {m}",
    "according to {o}, {m}",
];
const WHEN: [&str; 12] = [
    "this year",
    "next month",
    "before the summer",
    "by the end of the year",
    "as soon as possible",
    "within weeks",
    "after the holidays",
    "before the next budget",
    "once the audit is finished",
    "in the coming days",
    "without further delay",
    "before parliament rises",
];
/// What a figure measures.
pub const MEASURES: [&str; 30] = [
    "revenue",
    "profit",
    "sales",
    "exports",
    "imports",
    "turnover",
    "spending",
    "investment",
    "attendance",
    "ridership",
    "arrivals",
    "enrolment",
    "production",
    "output",
    "traffic",
    "demand",
    "bookings",
    "shipments",
    "orders",
    "deliveries",
    "applications",
    "admissions",
    "harvests",
    "consumption",
    "lending",
    "deposits",
    "claims",
    "complaints",
    "rents",
    "wages",
];
/// What a figure is counted in, when it is not money.
pub const UNITS: [&str; 16] = [
    "tonnes",
    "passengers",
    "visitors",
    "students",
    "vehicles",
    "households",
    "units",
    "barrels",
    "cases",
    "homes",
    "jobs",
    "containers",
    "flights",
    "patients",
    "tickets",
    "litres",
];
/// How a figure moved: up, down.
pub const MOVES: [(&str, &str); 4] = [
    ("rose", "fell"),
    ("increased", "decreased"),
    ("grew", "shrank"),
    ("climbed", "dropped"),
];
/// What a figure's move is put down to.
pub const CAUSES: [&str; 7] = [
    "driven by",
    "helped by",
    "due to",
    "amid",
    "on the back of",
    "as a result of",
    "despite",
];
/// Quantifiers a share of a group is told with, and their rank on the
/// amount scale of `data/lexicon/en/quantifiers.tsv`.
pub const QUANTIFIERS: [(&str, u8); 6] = [
    ("few", 1),
    ("several", 2),
    ("some", 2),
    ("many", 3),
    ("most", 4),
    ("all", 5),
];

/// A noun phrase a sentence is about.
#[derive(Debug, Clone)]
pub enum Np {
    Person(Person),
    Organisation(String),
    /// A group of people, bare plural ("officials").
    Group(&'static str),
    Thing(Obj),
}

impl Np {
    pub fn plural(&self) -> bool {
        matches!(self, Np::Group(_))
    }
}

/// "the [adjective] noun", and what further phrases say about it ("for the new
/// bridge", "of the port"): they give each sentence content words of its own, as
/// real sentences have, so that sentences of one shape do not look alike.
#[derive(Debug, Clone)]
pub struct Obj {
    pub adjective: Option<&'static str>,
    pub noun: &'static str,
    pub more: Vec<Complement>,
}

/// "for the [adjective] noun".
#[derive(Debug, Clone)]
pub struct Complement {
    pub preposition: &'static str,
    pub adjective: Option<&'static str>,
    pub noun: &'static str,
}

/// Prepositions that link a further phrase, commonest first.
const LINKS: [&str; 20] = [
    "of", "for", "on", "in", "at", "with", "from", "about", "into", "over", "under", "against",
    "between", "during", "through", "near", "across", "behind", "beyond", "around",
];

/// A clause with content words only (no names, no figures), which a copy may drop
/// (omission) or a rewrite add (addition).
#[derive(Debug, Clone)]
pub struct Tail {
    pub shape: usize,
    pub adjective: &'static str,
    pub noun: &'static str,
    pub other: &'static str,
    pub group: &'static str,
}

/// An object, or a group as object (which lets a rewrite swap who did what to whom).
#[derive(Debug, Clone)]
pub enum Object {
    Thing(Obj),
    Group(&'static str),
}

#[derive(Debug, Clone)]
pub enum Frame {
    /// "Officials have already approved the budget[, citing ...]."
    Perfect {
        subject: Np,
        marker: bool,
        negated: bool,
        verb: usize,
        object: Obj,
        tail: Option<Tail>,
        show_tail: bool,
    },
    /// "The ministry approved the plan on Tuesday[, citing ...]."
    Past {
        subject: Np,
        negated: bool,
        verb: usize,
        object: Object,
        day: Option<usize>,
        tail: Option<Tail>,
        show_tail: bool,
    },
    /// "Maria Novak, the director of X, said on Monday that officials would review
    /// the contract by March."
    Speech {
        speaker: Person,
        /// How the speaker said it (see [`SPEECH`]).
        says: usize,
        role: &'static str,
        organisation: String,
        day: usize,
        inner: Np,
        negated: bool,
        verb: usize,
        object: Obj,
        month: Option<usize>,
    },
    /// "Maria Novak said Daniel Okafor had approved the plan." / "According to ..."
    Claim {
        source: Person,
        actor: Person,
        according: bool,
        negated: bool,
        verb: usize,
        object: Obj,
    },
    /// "X said revenue rose 12 percent to $4.5 million in March."
    Figure {
        organisation: String,
        /// How the figure is attributed (see [`FIGURED`]).
        form: usize,
        measure: usize,
        /// `None`: money (dollars or euros).
        unit: Option<usize>,
        dollars: bool,
        moves: usize,
        up: bool,
        /// Tenths of a percent.
        percent: u32,
        amount: u32,
        month: usize,
        cause: Option<(usize, Obj)>,
    },
    /// "Several of the residents opposed the plan."
    Share {
        quantifier: usize,
        group: &'static str,
        verb: usize,
        object: Obj,
    },
    /// "\"We will review the new contract this year,\" Maria Novak told the Lisbon Herald."
    Quote {
        speaker: Person,
        outlet: String,
        /// How it reached the outlet (see [`QUOTED`]).
        form: usize,
        negated: bool,
        verb: usize,
        object: Obj,
        when: Option<&'static str>,
    },
    /// "The summit in Lisbon is scheduled for March 14."
    Event {
        event: &'static str,
        place: &'static str,
        about: Obj,
        month: usize,
        day: u32,
        /// How it is announced (see [`EVENT_FORMS`]).
        form: usize,
    },
    /// "The new budget of the port approved the contract near the bridge."
    Filler {
        head: Obj,
        negated: bool,
        verb: usize,
        object: Obj,
        preposition: &'static str,
        place: Obj,
        tail: Option<Tail>,
        show_tail: bool,
    },
}

fn verb(rng: &mut Rng) -> usize {
    english().verb(rng)
}

/// An object: with one or two further phrases when `rich`, else with at most one.
fn obj(rng: &mut Rng, cast: &Cast, rich: bool) -> Obj {
    let en = english();
    let noun = if rng.chance(0.12) {
        rng.pick(&cast.topics)
    } else if rich || rng.chance(0.5) {
        en.object(rng)
    } else {
        en.noun(rng).singular
    };
    let more = if rich { rng.range(1, 2) } else { rng.below(2) };
    Obj {
        adjective: rng.chance(0.5).then(|| en.adjective(rng)),
        noun,
        more: (0..more)
            .map(|_| Complement {
                preposition: link(rng),
                adjective: rng.chance(0.4).then(|| en.adjective(rng)),
                noun: en.object(rng),
            })
            .collect(),
    }
}

fn tail(rng: &mut Rng) -> Option<Tail> {
    let en = english();
    rng.chance(0.35).then(|| Tail {
        shape: rng.below(5),
        adjective: en.adjective(rng),
        noun: en.object(rng),
        other: en.noun(rng).singular,
        group: rng.pick(&en.groups),
    })
}

fn subject(rng: &mut Rng, cast: &Cast) -> Np {
    match rng.below(4) {
        0 => Np::Person(cast.person(rng)),
        1 => Np::Organisation(cast.organisation(rng)),
        2 => Np::Group(rng.pick(&english().groups)),
        _ => Np::Thing(obj(rng, cast, false)),
    }
}

impl Frame {
    /// A frame of a random shape about `cast`.
    pub fn random(rng: &mut Rng, cast: &Cast) -> Frame {
        let en = english();
        // Filler, Past, Perfect, Speech, Claim, Figure, Share, Quote, Event: the
        // shapes with fixed words (a figure's "percent", a quote's "told") no more
        // often than in news.
        let shape = rng.weighted(&[30, 22, 18, 7, 4, 5, 4, 5, 5]);
        match shape {
            0 => {
                let head = obj(rng, cast, false);
                let negated = rng.chance(0.08);
                Frame::Filler {
                    head,
                    negated,
                    verb: verb(rng),
                    object: obj(rng, cast, true),
                    preposition: link(rng),
                    place: obj(rng, cast, false),
                    tail: tail(rng),
                    show_tail: rng.chance(0.5),
                }
            }
            1 => {
                let subject = subject(rng, cast);
                let object = if let (Np::Group(g), true) = (&subject, rng.chance(0.4)) {
                    let others: Vec<&'static str> =
                        en.groups.iter().copied().filter(|o| o != g).collect();
                    Object::Group(rng.pick(&others))
                } else {
                    Object::Thing(obj(rng, cast, false))
                };
                Frame::Past {
                    subject,
                    negated: rng.chance(0.12),
                    verb: verb(rng),
                    object,
                    day: rng.chance(0.6).then(|| rng.below(7)),
                    tail: tail(rng),
                    show_tail: rng.chance(0.5),
                }
            }
            2 => Frame::Perfect {
                subject: subject(rng, cast),
                marker: rng.chance(0.4),
                negated: rng.chance(0.15),
                verb: verb(rng),
                object: obj(rng, cast, false),
                tail: tail(rng),
                show_tail: rng.chance(0.5),
            },
            3 => {
                let inner = if rng.chance(0.5) {
                    Np::Group(rng.pick(&en.groups))
                } else {
                    Np::Thing(obj(rng, cast, false))
                };
                Frame::Speech {
                    speaker: cast.person(rng),
                    says: rng.below(SPEECH.len()),
                    role: rng.pick(&ROLES),
                    organisation: cast.organisation(rng),
                    day: rng.below(7),
                    inner,
                    negated: rng.chance(0.12),
                    verb: verb(rng),
                    object: obj(rng, cast, false),
                    month: rng.chance(0.5).then(|| rng.below(12)),
                }
            }
            4 => {
                let source = cast.person(rng);
                let actor = Person::other(rng, &[&source]);
                Frame::Claim {
                    source,
                    actor,
                    according: rng.chance(0.3),
                    negated: rng.chance(0.12),
                    verb: verb(rng),
                    object: obj(rng, cast, false),
                }
            }
            5 => Frame::Figure {
                organisation: cast.organisation(rng),
                form: rng.below(FIGURED.len()),
                measure: rng.below(MEASURES.len()),
                unit: rng.chance(0.5).then(|| rng.below(UNITS.len())),
                dollars: rng.chance(0.5),
                moves: rng.below(MOVES.len()),
                up: rng.chance(0.55),
                percent: percent(rng),
                amount: amount(rng),
                month: rng.below(12),
                cause: rng
                    .chance(0.6)
                    .then(|| (rng.below(CAUSES.len()), obj(rng, cast, true))),
            },
            6 => Frame::Share {
                quantifier: rng.below(QUANTIFIERS.len()),
                group: rng.pick(&en.groups),
                verb: verb(rng),
                object: obj(rng, cast, true),
            },
            7 => Frame::Quote {
                speaker: cast.person(rng),
                outlet: super::cast::outlet(rng),
                form: rng.below(QUOTED.len()),
                negated: rng.chance(0.12),
                verb: verb(rng),
                object: obj(rng, cast, true),
                when: rng.chance(0.5).then(|| rng.pick(&WHEN)),
            },
            _ => Frame::Event {
                event: rng.pick(&EVENTS),
                place: if rng.chance(0.7) {
                    cast.place
                } else {
                    rng.pick(&en.places)
                },
                about: obj(rng, cast, false),
                month: rng.below(12),
                day: rng.range(1, 28) as u32,
                form: rng.below(EVENT_FORMS.len()),
            },
        }
    }
}

/// A change in tenths of a percent: a whole number half the time ("12 percent"),
/// else with a decimal ("12.5 percent"), from 0.2 to 60.
pub fn percent(rng: &mut Rng) -> u32 {
    if rng.chance(0.5) {
        rng.range(2, 60) as u32 * 10
    } else {
        rng.range(2, 600) as u32
    }
}

/// A figure's amount: 120 to 98,000 of a unit, or 1.0 to 99.9 million of money
/// (in tenths).
pub fn amount(rng: &mut Rng) -> u32 {
    rng.range(12, 9800) as u32 * 10 + rng.below(10) as u32
}
