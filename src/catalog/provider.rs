//! The three clouds the catalog prices.

use serde::{Deserialize, Serialize};

/// The cloud the plan is priced on.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    #[default]
    Aws,
    Gcp,
    Azure,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Gcp, Provider::Azure];

    pub fn key(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Gcp => "gcp",
            Provider::Azure => "azure",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Gcp => "GCP",
            Provider::Azure => "Azure",
        }
    }

    pub fn next(self) -> Provider {
        match self {
            Provider::Aws => Provider::Gcp,
            Provider::Gcp => Provider::Azure,
            Provider::Azure => Provider::Aws,
        }
    }
}
