//! How a preset file may spell the commitment and its share: as `--set` spells them (`1y`, `3y`,
//! `floor`, `0.5`) or as headroom writes them (`one_year`, `Some(0.5)`, `None`), so a teammate who copies
//! a `--set` value into a file is understood.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::Commitment;

impl Commitment {
    /// Every spelling a person may use, any case: `on_demand`, `1y`, `one_year`, `3y`, `three_year`.
    pub fn parse(text: &str) -> Option<Commitment> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "on_demand" | "ondemand" | "none" => Some(Commitment::OnDemand),
            "1y" | "one_year" | "1_year" => Some(Commitment::OneYear),
            "3y" | "three_year" | "3_years" | "3_year" => Some(Commitment::ThreeYear),
            _ => None,
        }
    }

    /// How `--set` and the planner show it.
    pub fn short(self) -> &'static str {
        match self {
            Commitment::OnDemand => "on_demand",
            Commitment::OneYear => "1y",
            Commitment::ThreeYear => "3y",
        }
    }

    /// How a preset file writes it (an identifier: RON's own spelling of the variant).
    fn written(self) -> &'static str {
        match self {
            Commitment::OnDemand => "on_demand",
            Commitment::OneYear => "one_year",
            Commitment::ThreeYear => "three_year",
        }
    }
}

impl Serialize for Commitment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = *self as u32;
        serializer.serialize_unit_variant("Commitment", index, self.written())
    }
}

/// What a file holds where a commitment or its share goes. Read through serde's buffered form, because RON
/// hands a bare identifier (`floor`, `one_year`) to any other reader as a unit without its name.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a number, a name such as floor or 1y, or Some(number)"
)]
enum Written {
    Number(f64),
    Text(String),
    Wrapped(Option<f64>),
}

impl<'de> Deserialize<'de> for Commitment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let choose = "choose on_demand, 1y (one_year) or 3y (three_year)";
        match Written::deserialize(deserializer)? {
            Written::Text(t) => Commitment::parse(&t).ok_or_else(|| {
                de::Error::custom(format!(
                    "`{}` is not a commitment: {choose}",
                    crate::format::printable(&t)
                ))
            }),
            _ => Err(de::Error::custom(format!(
                "a commitment is a name: {choose}"
            ))),
        }
    }
}

/// `commit_share` as a file may write it: a share `0.5` (or `Some(0.5)`), or the floor as `floor`, `"floor"`
/// or `None`.
pub fn commit_share<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    match Written::deserialize(deserializer)? {
        Written::Number(v) => Ok(Some(v)),
        Written::Wrapped(v) => Ok(v),
        Written::Text(t) if t.trim().eq_ignore_ascii_case("floor") => Ok(None),
        Written::Text(t) => Err(de::Error::custom(format!(
            "`commit_share` cannot be `{}`: write a share from 0 to 1, or floor",
            crate::format::printable(&t)
        ))),
    }
}
