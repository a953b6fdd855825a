//! The seed minutes (`../shared/reference/seed-minutes.md`) as the tests type them: the title,
//! the roster as `/attendee` arguments, both agenda items, the President's introduction.

pub const TITLE: &str = "5th Meeting of the CCM Coordination Committee";
pub const ITEM_1: &str = "Welcome and introduction by the President";
pub const ITEM_2: &str = "Preparations for the Open-Ended Consultations";

/// The roster of the seed minutes: `/attendee` arguments.
pub const ATTENDEES: &[&str] = &[
    "Lebanon | President",
    "Norway | President-Designate",
    "Holy See | General Status and Operation of the Convention in 2012",
    "Zambia | General Status and Operation of the Convention in 2012 and 2013",
    "Japan | Universalisation in 2012",
    "Portugal | Universalisation in 2012 and 2013",
    "Austria | Victim Assistance in 2012 | Coord. Vict. Assist.",
    "Bosnia and Herzegovina | Victim Assistance in 2012 and 2013",
    "Laos | Clearance and Risk Reduction Education in 2012",
    "Ireland | Clearance and Risk Reduction Education in 2012 and 2013",
    "Germany | Stockpile Destruction and Retention in 2012 | Coord. Stock. Destruct.",
    "Croatia | Stockpile Destruction and Retention in 2012 and 2013 | Coord. Stock. Destruct.",
    "Spain | Cooperation and Assistance in 2012",
    "Mexico | Cooperation and Assistance in 2012 and 2013 | Coop. and Assist.",
    "Belgium | Transparency Reporting in 2012 and 2013",
    "New Zealand | National Implementation Measures in 2012 and 2013",
    "CMC",
    "UNDP | Exec Coord team | Exec. Coord",
    "UNODA",
];

/// The President's introduction to item 1.
pub const INTRODUCTION: &str = "Thanked participants for being here despite heavy calendars. \
    Thanked all for having met with her team in the previous week to discuss the Presidency's \
    plans for the open-ended consultations on the 29th of February and for having provided her \
    with their views. Made reference to the agenda which was circulated last week and asked for \
    any potential additions or comments to the agenda.";
