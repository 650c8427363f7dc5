//! Every figure explains itself with the engine's own numbers. Where the engine computes a figure it
//! records the terms it used as a small expression tree ([`Expr`]); an [`Explanation`] renders that tree
//! twice — with names (the formula) and with values (the substituted expression) — so what is shown is
//! what was computed, and a test evaluates every substituted expression against its figure.
//! Recording is off for the months of growth and the other providers, so planning stays fast.

use std::borrow::Cow;
use std::ops::{Add, Div, Mul, Sub};

use serde::Serialize;

use crate::format::{money, thousands, trim};

/// A named value the engine used: an input, a catalog rate or an intermediate figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Term {
    pub name: Cow<'static, str>,
    pub value: f64,
    /// `""` for a plain number; a unit starting with `$` is money (`$/GB` shows as `$0.09/GB`).
    pub unit: &'static str,
}

/// The arithmetic of one figure, exactly as the engine did it.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Term(Term),
    Bin(Box<Expr>, Op, Box<Expr>),
    Ceil(Box<Expr>),
    Floor(Box<Expr>),
    Max(Vec<Expr>),
    Min(Vec<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
            Op::Pow => "^",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
            Op::Pow => 3,
        }
    }
}

/// A term: `t("target_utilization", 0.6, "")`.
pub fn t(name: impl Into<Cow<'static, str>>, value: f64, unit: &'static str) -> Expr {
    Expr::Term(Term {
        name: name.into(),
        value,
        unit,
    })
}

/// A term outside an expression: one of the inputs of a solved figure.
pub fn term(name: &'static str, value: f64, unit: &'static str) -> Term {
    Term {
        name: Cow::Borrowed(name),
        value,
        unit,
    }
}

/// A bare constant such as 730 hours or 1 000 MB per GB.
pub fn k(value: f64, unit: &'static str) -> Expr {
    t("", value, unit)
}

pub fn ceil(e: Expr) -> Expr {
    Expr::Ceil(Box::new(e))
}

pub fn floor(e: Expr) -> Expr {
    Expr::Floor(Box::new(e))
}

pub fn max(items: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Max(items.into_iter().collect())
}

pub fn min(items: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Min(items.into_iter().collect())
}

pub fn pow(base: Expr, exponent: Expr) -> Expr {
    Expr::Bin(Box::new(base), Op::Pow, Box::new(exponent))
}

/// The sum of several terms; 0 when there are none.
pub fn sum(items: impl IntoIterator<Item = Expr>) -> Expr {
    items
        .into_iter()
        .reduce(|a, b| a + b)
        .unwrap_or_else(|| k(0.0, ""))
}

macro_rules! operator {
    ($trait:ident, $method:ident, $op:ident) => {
        impl $trait for Expr {
            type Output = Expr;
            fn $method(self, rhs: Expr) -> Expr {
                Expr::Bin(Box::new(self), Op::$op, Box::new(rhs))
            }
        }
    };
}
operator!(Add, add, Add);
operator!(Sub, sub, Sub);
operator!(Mul, mul, Mul);
operator!(Div, div, Div);

impl Expr {
    /// The formula with names: `⌈busy ÷ target_utilization⌉`.
    pub fn formula(&self) -> String {
        let mut out = String::new();
        self.render(&mut out, &|term: &Term| {
            if term.name.is_empty() {
                value_text(term)
            } else {
                term.name.to_string()
            }
        });
        out
    }

    /// The formula with this plan's values: `⌈4.675 ÷ 0.6⌉`.
    pub fn substituted(&self) -> String {
        let mut out = String::new();
        self.render(&mut out, &value_text);
        out
    }

    /// Every named term, once, in the order they appear.
    pub fn terms(&self) -> Vec<Term> {
        let mut out: Vec<Term> = Vec::new();
        self.visit(&mut |term| {
            if !term.name.is_empty() && !out.iter().any(|o| o.name == term.name) {
                out.push(term.clone());
            }
        });
        out
    }

    fn visit(&self, f: &mut impl FnMut(&Term)) {
        match self {
            Expr::Term(term) => f(term),
            Expr::Bin(a, _, b) => {
                a.visit(f);
                b.visit(f);
            }
            Expr::Ceil(e) | Expr::Floor(e) => e.visit(f),
            Expr::Max(items) | Expr::Min(items) => items.iter().for_each(|e| e.visit(f)),
        }
    }

    fn render(&self, out: &mut String, leaf: &dyn Fn(&Term) -> String) {
        match self {
            Expr::Term(term) => out.push_str(&leaf(term)),
            Expr::Bin(a, op, b) => {
                let wrap = |child: &Expr, right: bool| match child {
                    Expr::Bin(_, inner, _) => {
                        inner.precedence() < op.precedence()
                            || (right
                                && inner.precedence() == op.precedence()
                                && matches!(op, Op::Sub | Op::Div | Op::Pow))
                    }
                    _ => false,
                };
                render_child(a, wrap(a, false), out, leaf);
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                render_child(b, wrap(b, true), out, leaf);
            }
            Expr::Ceil(e) => {
                out.push('⌈');
                e.render(out, leaf);
                out.push('⌉');
            }
            Expr::Floor(e) => {
                out.push('⌊');
                e.render(out, leaf);
                out.push('⌋');
            }
            Expr::Max(items) | Expr::Min(items) => {
                out.push_str(if matches!(self, Expr::Max(_)) {
                    "max("
                } else {
                    "min("
                });
                for (i, e) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    e.render(out, leaf);
                }
                out.push(')');
            }
        }
    }
}

fn render_child(e: &Expr, parens: bool, out: &mut String, leaf: &dyn Fn(&Term) -> String) {
    if parens {
        out.push('(');
    }
    e.render(out, leaf);
    if parens {
        out.push(')');
    }
}

/// A number with four significant digits (whole above 1 000), enough for a substituted formula to give
/// its figure; money as `$0.0416/h`.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    if a >= 1e15 {
        return format!("{v:.3e}");
    }
    if a >= 10_000.0 {
        return thousands(v.round() as i64);
    }
    if a >= 1000.0 {
        let whole = thousands(v.trunc() as i64);
        let cents = format!("{:.2}", a.fract());
        let cents = trim(cents);
        return match cents.strip_prefix('0') {
            Some(rest) if !rest.is_empty() => format!("{whole}{rest}"),
            _ if cents == "1" => thousands(v.round() as i64),
            _ => whole,
        };
    }
    let digits = if a == 0.0 {
        0
    } else {
        (3 - a.log10().floor() as i32).max(0) as usize
    };
    trim(format!("{v:.digits$}"))
}

fn value_text(term: &Term) -> String {
    match term.unit.strip_prefix('$') {
        Some(rest) => format!("${}{rest}", number(term.value)),
        None if term.unit.is_empty() => number(term.value),
        None => format!("{} {}", number(term.value), term.unit),
    }
}

/// How one figure was computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    /// The figure's JSON path: `compute.workers`, `node_pools.general.nodes`.
    pub id: String,
    pub label: String,
    /// `None` when there is no finite figure (an overloaded queue).
    pub value: Option<f64>,
    pub unit: &'static str,
    /// With names: `⌈busy ÷ target_utilization⌉`; `None` when the figure is solved, not computed.
    pub formula: Option<String>,
    /// With this plan's values: `⌈4.675 ÷ 0.6⌉`.
    pub expression: Option<String>,
    pub terms: Vec<Term>,
    /// Words: where the rule comes from, what it feeds, what to change.
    pub note: String,
    /// What the value line calls the figure when the id's last part would mislead (`p50` for a band).
    #[serde(skip)]
    pub called: Option<&'static str>,
}

impl Explanation {
    /// A figure computed by `expr`.
    pub fn computed(
        id: impl Into<String>,
        label: impl Into<String>,
        unit: &'static str,
        value: f64,
        expr: &Expr,
    ) -> Explanation {
        Explanation {
            id: id.into(),
            label: label.into(),
            value: Some(value),
            unit,
            formula: Some(expr.formula()),
            expression: Some(expr.substituted()),
            terms: expr.terms(),
            note: String::new(),
            called: None,
        }
    }

    /// A figure with no arithmetic to show (solved numerically, or absent): its terms and words.
    pub fn described(
        id: impl Into<String>,
        label: impl Into<String>,
        unit: &'static str,
        value: Option<f64>,
        terms: Vec<Term>,
        note: impl Into<String>,
    ) -> Explanation {
        Explanation {
            id: id.into(),
            label: label.into(),
            value,
            unit,
            formula: None,
            expression: None,
            terms,
            note: note.into(),
            called: None,
        }
    }

    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Explanation {
        self.note = note.into();
        self
    }

    /// The value with its unit, as the figure is shown.
    pub fn value_text(&self) -> String {
        match self.value {
            // What a missing figure means depends on the figure.
            None if self.id == "growth.runway_months" => "lasts the horizon".into(),
            None if self.id.starts_with("limits.") => {
                "over 10⁹ users (no tier runs out in range)".into()
            }
            None => "unbounded (overloaded)".into(),
            Some(v) if self.unit.starts_with('$') => {
                format!("{}{}", money(v), &self.unit[1..])
            }
            Some(v) => value_text(&term("", v, self.unit)),
        }
    }

    /// For people: the formula, the same with numbers, the figure, then the words.
    pub fn text(&self) -> String {
        let mut lines = Vec::new();
        if let (Some(f), Some(e)) = (&self.formula, &self.expression) {
            lines.push(format!("{} = {f}", self.short_name()));
            lines.push(format!("  = {e}"));
            lines.push(format!("  = {}", self.value_text()));
        } else {
            lines.push(format!("{} = {}", self.short_name(), self.value_text()));
            if !self.terms.is_empty() {
                let terms: Vec<String> = self
                    .terms
                    .iter()
                    .map(|t| format!("{} {}", t.name, value_text(t)))
                    .collect();
                lines.push(format!("  from {}", terms.join(", ")));
            }
        }
        if !self.note.is_empty() {
            lines.push(self.note.clone());
        }
        lines.join("\n")
    }

    /// The last part of the id (`workers` for `compute.workers`), unless the figure is called otherwise.
    fn short_name(&self) -> &str {
        self.called
            .unwrap_or_else(|| self.id.rsplit('.').next().unwrap_or(&self.id))
    }

    /// The value line names the figure `name` rather than the id's last part.
    #[must_use]
    pub fn called(mut self, name: &'static str) -> Explanation {
        self.called = Some(name);
        self
    }
}

/// Collects explanations while the engine computes today's plan; does nothing when off.
#[derive(Debug, Default)]
pub struct Recorder {
    items: Option<Vec<Explanation>>,
}

impl Recorder {
    pub fn on() -> Recorder {
        Recorder {
            items: Some(Vec::with_capacity(64)),
        }
    }

    pub fn off() -> Recorder {
        Recorder { items: None }
    }

    pub fn is_on(&self) -> bool {
        self.items.is_some()
    }

    /// Records an explanation; `make` runs only when recording.
    pub fn add(&mut self, make: impl FnOnce() -> Explanation) {
        if let Some(items) = &mut self.items {
            items.push(make());
        }
    }

    /// Records an explanation in place of an earlier one of the same id (a figure billed after it was
    /// first priced).
    pub fn replace(&mut self, id: &str, make: impl FnOnce() -> Explanation) {
        if let Some(items) = &mut self.items {
            items.retain(|e| e.id != id);
            items.push(make());
        }
    }

    pub fn into_items(self) -> Vec<Explanation> {
        self.items.unwrap_or_default()
    }
}

/// The plan-wide figures: the total, unit costs, storage at the horizon and the runway.
pub(super) fn record_plan(
    s: &super::scenario::Scenario,
    c: &super::plan::Components,
    tr: &super::plan::Traffic,
    g: &super::plan::Growth,
    d: &super::plan::Database,
    rec: &mut Recorder,
) {
    let total = c.total();
    let total_term = || t("monthly", total, "$");
    rec.add(|| {
        let parts = c
            .items()
            .into_iter()
            .filter(|(_, _, v)| *v > 0.0)
            .map(|(_, label, v)| t(label, v, "$"));
        let e = if c.discount > 0.0 {
            sum(parts) - t("discount", c.discount, "$")
        } else {
            sum(parts)
        };
        Explanation::computed("cost.monthly_usd", "Monthly cost", "$", total, &e)
            .note("730 hours a month; egress from average traffic.")
    });
    rec.add(|| {
        let e = total_term() / t("users", tr.users, "");
        Explanation::computed(
            "cost.per_user_usd",
            "Cost per user",
            "$",
            super::round::ratio(total, tr.users),
            &e,
        )
    });
    rec.add(|| {
        if tr.requests_per_month <= 0.0 {
            return Explanation::described(
                "cost.per_million_requests_usd",
                "Cost per million requests",
                "$",
                Some(0.0),
                Vec::new(),
                "No requests in this plan, so no cost per request.",
            );
        }
        let e = total_term() / (t("requests/month", tr.requests_per_month, "") / k(1e6, ""));
        Explanation::computed(
            "cost.per_million_requests_usd",
            "Cost per million requests",
            "$",
            super::round::ratio(total, tr.requests_per_month / 1e6),
            &e,
        )
        .note("Article: know your cost per request.")
    });
    rec.add(|| {
        Explanation::described(
            "database.storage_horizon_gib",
            "Database storage at the horizon",
            "GiB",
            Some(d.storage_horizon_gib),
            vec![
                term("records_per_user_hour", s.records_per_user_hour, ""),
                term("peak_to_average", s.peak_to_average, ""),
                term("horizon_months", s.horizon_months, ""),
            ],
            "Each month adds the records its average users write (active users ÷ peak_to_average × \
             records_per_user_hour × k × 730 h), stored as the database's storage formula says; summed to the horizon.",
        )
    });
    rec.add(|| {
        let users = |m: u32| super::growth::users_at(s, m);
        match &g.runway {
            Some(r) => Explanation::described(
                "growth.runway_months",
                "Runway",
                "months",
                Some(f64::from(r.month)),
                vec![
                    term("users", s.users, ""),
                    term("growth", s.growth, ""),
                    term("needed", r.needed, ""),
                    term("provisioned", r.provisioned, ""),
                ],
                format!(
                    "Month {} (users × growth^(month ÷ 12) = {} users) is the first whose load does not fit what is \
                     provisioned today: {} — {}. Checked each month: worker slots, the p99 SLO, connections, database \
                     vCPU and memory, cache memory, media vCPU and each pool's nodes; month 0 when today's plan is \
                     already short.",
                    r.month,
                    number(users(r.month)),
                    r.tier,
                    r.detail
                ),
            ),
            None => Explanation::described(
                "growth.runway_months",
                "Runway",
                "months",
                None,
                vec![
                    term("growth", s.growth, ""),
                    term("horizon_months", s.horizon_months, ""),
                ],
                format!(
                    "Today's provisioned plan carries the load through the {}-month horizon at ×{} a year \
                     ({} users at the end).",
                    number(s.horizon_months),
                    number(s.growth),
                    number(users(s.horizon_months as u32))
                ),
            ),
        }
    });
}
