//! Every explanation is the engine's own arithmetic (issue 8, MODEL.md Revision 2 "Explanations"): the
//! substituted expression of every figure of every built-in preset, and of 200 random scenarios, is
//! parsed and evaluated here, and must give the figure within the rounding of the numbers it shows.
//!
//! Numbers in an expression are rounded for people, so each is read as the interval it stands for
//! (`4.68` is 4.675 … 4.685) and the arithmetic is done on intervals: a ceiling of an interval that
//! straddles a whole number may be either neighbour, and the figure must lie inside the result.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed assumption is the test failing"
)]

mod common;

use common::{any_scenario, preset};
use headroom::catalog::Catalog;
use headroom::engine::explain::Explanation;
use headroom::engine::plan_explained;
use headroom::engine::queueing::Queue;
use headroom::engine::scenario::Scenario;
use headroom::presets;
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
struct Iv(f64, f64);

impl Iv {
    fn add(self, o: Iv) -> Iv {
        Iv(self.0 + o.0, self.1 + o.1)
    }
    fn sub(self, o: Iv) -> Iv {
        Iv(self.0 - o.1, self.1 - o.0)
    }
    fn corners(self, o: Iv, f: impl Fn(f64, f64) -> f64) -> Iv {
        let c = [
            f(self.0, o.0),
            f(self.0, o.1),
            f(self.1, o.0),
            f(self.1, o.1),
        ];
        Iv(
            c.iter().copied().fold(f64::INFINITY, f64::min),
            c.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        )
    }
    fn mul(self, o: Iv) -> Iv {
        self.corners(o, |a, b| a * b)
    }
    fn div(self, o: Iv) -> Result<Iv, String> {
        if o.0 <= 0.0 && o.1 >= 0.0 {
            return Err(format!("division by an interval holding zero: {o:?}"));
        }
        Ok(self.corners(o, |a, b| a / b))
    }
    fn pow(self, o: Iv) -> Iv {
        self.corners(o, f64::powf)
    }
}

/// (low end, high end) of a bracket's result from its interval's low and high ends.
type Ends = (fn(f64) -> f64, fn(f64) -> f64);

/// Parses and evaluates one substituted expression on intervals.
struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    text: &'a str,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            chars: text.chars().collect(),
            at: 0,
            text,
        }
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_spaces();
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn fail<T>(&self, why: &str) -> Result<T, String> {
        Err(format!("{why} at {} in {:?}", self.at, self.text))
    }

    fn whole(mut self) -> Result<Iv, String> {
        let v = self.sum()?;
        self.skip_spaces();
        if self.at != self.chars.len() {
            return self.fail("trailing text");
        }
        Ok(v)
    }

    fn sum(&mut self) -> Result<Iv, String> {
        let mut v = self.product()?;
        loop {
            if self.eat('+') {
                v = v.add(self.product()?);
            } else if self.eat('−') {
                v = v.sub(self.product()?);
            } else {
                return Ok(v);
            }
        }
    }

    fn product(&mut self) -> Result<Iv, String> {
        let mut v = self.power()?;
        loop {
            if self.eat('×') {
                v = v.mul(self.power()?);
            } else if self.eat('÷') {
                let d = self.power()?;
                v = v.div(d).or_else(|e| self.fail(&e))?;
            } else {
                return Ok(v);
            }
        }
    }

    fn power(&mut self) -> Result<Iv, String> {
        let base = self.atom()?;
        if self.eat('^') {
            let e = self.atom()?;
            return Ok(base.pow(e));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Iv, String> {
        self.skip_spaces();
        let bracket = |p: &mut Self, close: char, (lo, hi): Ends| -> Result<Iv, String> {
            let v = p.sum()?;
            if !p.eat(close) {
                return p.fail(&format!("expected {close}"));
            }
            Ok(Iv(lo(v.0), hi(v.1)))
        };
        if self.eat('(') {
            return bracket(self, ')', (|x| x, |x| x));
        }
        // The engine's rounding may forgive float noise (5.000000001 workers is 5) or be exact integer
        // division: the interval admits both.
        if self.eat('⌈') {
            return bracket(self, '⌉', (|x| (x * (1.0 - 1e-9)).ceil(), f64::ceil));
        }
        if self.eat('⌊') {
            return bracket(self, '⌋', (f64::floor, |x| (x * (1.0 + 1e-9)).floor()));
        }
        for (name, pick) in [("max(", true), ("min(", false)] {
            let n: Vec<char> = name.chars().collect();
            if self.chars[self.at..].starts_with(&n) {
                self.at += n.len();
                let mut v = self.sum()?;
                while self.eat(',') {
                    let w = self.sum()?;
                    v = if pick {
                        Iv(v.0.max(w.0), v.1.max(w.1))
                    } else {
                        Iv(v.0.min(w.0), v.1.min(w.1))
                    };
                }
                if !self.eat(')') {
                    return self.fail("expected ) after max/min");
                }
                return Ok(v);
            }
        }
        self.number()
    }

    /// A shown number — `$`, digits with thousands commas, decimals, an exponent — and its unit.
    fn number(&mut self) -> Result<Iv, String> {
        self.eat('$');
        let start = self.at;
        while let Some(c) = self.peek() {
            let thousands = c == ','
                && self
                    .chars
                    .get(self.at + 1)
                    .is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() || c == '.' || thousands {
                self.at += 1;
            } else {
                break;
            }
        }
        let mut text: String = self.chars[start..self.at]
            .iter()
            .filter(|c| **c != ',')
            .collect();
        if text.is_empty() {
            return self.fail("expected a number");
        }
        let mut exponent = 0i32;
        if self.peek() == Some('e') {
            self.at += 1;
            let s = self.at;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
            {
                self.at += 1;
            }
            exponent = self.chars[s..self.at]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap();
        }
        let decimals = text.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
        let value: f64 = std::mem::take(&mut text)
            .parse()
            .map_err(|_| "bad number".to_string())?;
        let v = value * 10f64.powi(exponent);
        // Shown with four significant digits (trailing zeros trimmed); from 1,000 up, with the decimals
        // shown; with an exponent, four significant digits of the mantissa.
        let half = if exponent != 0 {
            0.5 * 10f64.powi(exponent - 3)
        } else if v.abs() >= 1000.0 {
            0.5 * 10f64.powi(-decimals)
        } else if v == 0.0 {
            0.0
        } else {
            0.5 * 10f64.powi(v.abs().log10().floor() as i32 - 3)
        };
        // A unit glued on (`/GB`) or after a space (`GiB`, `RPS/worker`); never a function name.
        let save = self.at;
        self.skip_spaces();
        let unit_start = self.at;
        while let Some(c) = self.peek() {
            if c.is_alphabetic() || c == '/' || c == '-' {
                self.at += 1;
            } else {
                break;
            }
        }
        if self.at == unit_start || self.peek() == Some('(') {
            self.at = save;
        }
        Ok(Iv(v - half, v + half))
    }
}

/// Checks one explanation; the error says which and why.
fn check(e: &Explanation) -> Result<(), String> {
    let text = e.text();
    for bad in [
        "NaN",
        "inf",
        "unbounded ×",
        "× unbounded",
        "÷ 0 ",
        "÷ 0)",
        "÷ 0⌉",
    ] {
        if e.expression
            .as_deref()
            .is_some_and(|x| x.contains(bad) || x.ends_with("÷ 0"))
        {
            return Err(format!("{}: {bad:?} in {text}", e.id));
        }
    }
    if let Some(expr) = &e.expression {
        if expr.contains("unbounded") {
            return Err(format!("{}: unbounded inside arithmetic: {expr}", e.id));
        }
        let value = e
            .value
            .ok_or(format!("{}: a formula without a figure", e.id))?;
        let iv = Parser::new(expr)
            .whole()
            .map_err(|why| format!("{}: {why}", e.id))?;
        let slack = 1e-9 * value.abs().max(1.0);
        if value < iv.0 - slack || value > iv.1 + slack {
            return Err(format!(
                "{}: {expr} gives {:?}, the figure is {value}\n{text}",
                e.id, iv
            ));
        }
    } else if e.note.is_empty() {
        return Err(format!("{}: no formula and no words", e.id));
    }
    solved(e)
}

/// Latency figures are solved, not computed: their recorded c, λ and μ must give them again.
fn solved(e: &Explanation) -> Result<(), String> {
    let p = match e.id.as_str() {
        "compute.latency.p95_ms" => 0.95,
        "compute.latency.p99_ms" => 0.99,
        _ => return Ok(()),
    };
    let term = |name: &str| {
        e.terms
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.value)
            .ok_or(format!("{}: no term {name}", e.id))
    };
    let q = Queue::new(term("c")? as u64, term("λ")?, term("μ")?);
    let again = q.response_percentile_s(p).map(|s| s * 1000.0);
    if again != e.value {
        return Err(format!(
            "{}: c, λ, μ give {again:?}, the figure is {:?}",
            e.id, e.value
        ));
    }
    Ok(())
}

fn explained(s: &Scenario) -> Vec<Explanation> {
    plan_explained(s, Catalog::builtin()).explain
}

#[test]
fn every_explanation_of_every_preset_evaluates_to_its_figure() {
    for name in presets::builtin_names() {
        let all = explained(&preset(name));
        assert!(all.len() >= 40, "{name}: only {} explanations", all.len());
        for e in &all {
            check(e).unwrap_or_else(|why| panic!("{name}: {why}"));
        }
    }
}

/// Every figure the planner's panes let you select has an explanation.
#[test]
fn the_figures_people_select_are_explained() {
    let ids = [
        "traffic.peak_rps",
        "traffic.miss_rps",
        "traffic.write_qps",
        "traffic.egress_gb_month",
        "compute.workers",
        "compute.vcpu",
        "compute.replicas",
        "compute.in_flight",
        "compute.latency.p95_ms",
        "compute.latency.p99_ms",
        "compute.latency.knee_rps",
        "database.vcpu",
        "database.pool_size",
        "database.total_connections",
        "database.storage_horizon_gib",
        "cache.memory_gib",
        "media.vcpu",
        "cost.monthly_usd",
        "cost.components.database",
        "cost.components.egress",
        "cost.per_user_usd",
        "growth.runway_months",
    ];
    for name in presets::builtin_names() {
        let p = plan_explained(&preset(name), Catalog::builtin());
        for id in ids {
            assert!(p.explanation(id).is_some(), "{name}: {id}");
        }
        for pool in &p.node_pools {
            assert!(
                p.explanation(&format!("node_pools.{}.nodes", pool.name))
                    .is_some()
            );
        }
    }
}

/// Rates are named with their values: `1,577 GB × $0.087/GB`, never "the provider's per-GB rate".
#[test]
fn rates_are_shown_with_their_values() {
    let p = plan_explained(&preset("diffgram"), Catalog::builtin());
    let egress = p.explanation("cost.components.egress").unwrap();
    assert!(
        egress.expression.as_ref().unwrap().contains("/GB"),
        "{egress:?}"
    );
    let objects = p.explanation("cost.components.object_storage").unwrap();
    assert!(
        objects
            .expression
            .as_ref()
            .unwrap()
            .contains("$0.018/GB-month"),
        "{objects:?}"
    );
}

/// The evaluator itself: it must reject what is wrong, or the walk above proves nothing.
#[test]
fn the_evaluator_catches_wrong_arithmetic() {
    let ok = |s: &str| Parser::new(s).whole().unwrap();
    let iv = ok("⌈4.68 ÷ 0.6⌉");
    assert_eq!((iv.0, iv.1), (8.0, 8.0));
    // A shown "4" may be 3.9995: its floor may be 3, so the result may be 4 as well as 3.
    let iv = ok("max(⌈10 ÷ max(⌊4 ÷ 1⌋, 1)⌉, 2)");
    assert_eq!((iv.0, iv.1), (3.0, 4.0));
    let iv = ok("100 GB × $0/GB + 40,924 GB × $0.087/GB");
    assert!(iv.0 <= 3560.4 && iv.1 >= 3560.4);
    assert!(Parser::new("10 ÷ 0").whole().is_err());
    assert!(Parser::new("2 × (3").whole().is_err());
    let wrong = Explanation {
        id: "x".into(),
        label: "x".into(),
        value: Some(26.0),
        unit: "",
        formula: Some("⌈workers ÷ per replica⌉".into()),
        expression: Some("⌈78 ÷ 3⌉".into()),
        terms: Vec::new(),
        note: String::new(),
        called: None,
    };
    assert!(check(&wrong).is_ok());
    let wrong = Explanation {
        expression: Some("⌈78 ÷ 4⌉".into()),
        ..wrong
    };
    assert!(check(&wrong).is_err(), "⌈78 ÷ 4⌉ is 20, not 26");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_explanation_of_random_scenarios_evaluates_to_its_figure(s in any_scenario()) {
        for e in explained(&s) {
            if let Err(why) = check(&e) {
                prop_assert!(false, "{}", why);
            }
        }
    }
}
