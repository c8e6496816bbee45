//! `--plot FILE.svg`: bar charts of a report, as hand-written SVG (no plotting dependency).
//!
//! - `analyze`: one panel per LFSR (the first [`MAX_PANELS`]; a note says how many were left
//!   out): the cycle-length distribution, one bar per cycle length, its height the number of
//!   cycles of that length; each bar's tooltip also gives the states they cover.
//! - `census`: the distribution of the max period (`--plot-of max-period`, the default) or of
//!   the number of cycles (`--plot-of cycle-count`) over the LFSRs of the census.
//!
//! The x axis is categorical (one bar per value that occurs, in increasing order); with more
//! than [`MAX_BARS`] distinct values the values are grouped in powers of two and the panel
//! says so. The y axis is linear from 0, or logarithmic (labelled "log scale") when the
//! largest bar is at least [`LOG_RATIO`] times the smallest. Tick labels are thinned so that
//! they never overlap, and rotated when they would not fit side by side.

use std::fmt::Write as _;

use num_bigint::BigUint;
use num_traits::ToPrimitive;

/// The most panels an `analyze --plot` draws.
pub const MAX_PANELS: usize = 8;
/// The most bars of a panel before values are grouped in powers of two.
pub const MAX_BARS: usize = 120;
/// Largest / smallest bar from which the y axis is logarithmic.
pub const LOG_RATIO: f64 = 100.0;

const WIDTH: f64 = 960.0;
const PANEL_HEIGHT: f64 = 400.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 110.0;
const FONT: f64 = 12.0;
/// Average width of a character of the 12 px sans-serif font, for layout.
const CHAR: f64 = 7.0;

/// One bar: the category (an integer value of x) and its height.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The x value the bar stands for.
    pub x: BigUint,
    /// The bar's height (a count).
    pub y: BigUint,
    /// The bar's tooltip.
    pub tooltip: String,
}

/// One chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The panel's title.
    pub title: String,
    /// A line under the title.
    pub subtitle: String,
    /// The x axis label (what the categories are, with units).
    pub x_label: String,
    /// The y axis label (what the heights count).
    pub y_label: String,
    /// The bars, in increasing x.
    pub bars: Vec<Bar>,
    /// A note under the chart (e.g. transient states not shown), or empty.
    pub note: String,
}

/// The panel of one analysis: its cycle-length distribution.
pub fn analysis_panel(index: usize, a: &lfsr_map::analysis::Analysis) -> Panel {
    let coefficients: Vec<String> = a.coefficients.iter().map(u64::to_string).collect();
    let states = a.state_count.to_f64().unwrap_or(f64::INFINITY);
    let bars = a
        .cycles
        .iter()
        .map(|c| {
            let covered = &c.period * &c.count;
            let share = 100.0 * covered.to_f64().unwrap_or(f64::INFINITY) / states;
            Bar {
                x: c.period.clone(),
                y: c.count.clone(),
                tooltip: format!(
                    "length {}: {}, covering {} ({share:.3}% of the {} states)",
                    c.period,
                    super::report_text::count(&c.count, "cycle", "cycles"),
                    super::report_text::count(&covered, "state", "states"),
                    a.state_count
                ),
            }
        })
        .collect();
    let note = if a.transient_states > BigUint::from(0u32) {
        format!(
            "not shown: {} (on no cycle; longest tail {})",
            super::report_text::count(&a.transient_states, "transient state", "transient states"),
            a.max_tail
        )
    } else {
        String::new()
    };
    Panel {
        title: format!(
            "Cycle lengths of LFSR {index}: [{}] over GF({})",
            coefficients.join(", "),
            a.field
        ),
        subtitle: format!(
            "{} -- {}, {} states, max period {}",
            a.characteristic_polynomial,
            super::report_text::count(&a.cycle_count, "cycle", "cycles"),
            a.state_count,
            a.max_period
        ),
        x_label: "cycle length (clock steps)".to_string(),
        y_label: "number of cycles".to_string(),
        bars,
        note,
    }
}

/// A census panel: `tally` maps a value (max period or number of cycles) to its LFSRs.
pub fn census_panel(
    title: String,
    subtitle: String,
    x_label: &str,
    what: &str,
    tally: &std::collections::BTreeMap<u128, u128>,
) -> Panel {
    let bars = tally
        .iter()
        .map(|(&x, &n)| Bar {
            x: x.into(),
            y: n.into(),
            tooltip: format!(
                "{what} {x}: {}",
                super::report_text::count(n, "LFSR", "LFSRs")
            ),
        })
        .collect();
    Panel {
        title,
        subtitle,
        x_label: x_label.to_string(),
        y_label: "number of LFSRs".to_string(),
        bars,
        note: String::new(),
    }
}

/// The SVG document of `panels`, one under the other, with `footer` (a note, or empty) at
/// the bottom.
pub fn svg(panels: &[Panel], footer: &str) -> String {
    let footer_height = if footer.is_empty() { 0.0 } else { 30.0 };
    let height = PANEL_HEIGHT * panels.len().max(1) as f64 + footer_height;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" \
         font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"{FONT}\">"
    );
    let _ = writeln!(
        out,
        "<rect width=\"{WIDTH}\" height=\"{height}\" fill=\"white\"/>"
    );
    for (k, p) in panels.iter().enumerate() {
        panel(&mut out, p, k as f64 * PANEL_HEIGHT);
    }
    if !footer.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{LEFT}\" y=\"{}\" fill=\"#444\">{}</text>",
            height - 10.0,
            escape(footer)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The bars actually drawn: the given ones, or grouped in powers of two when there are too
/// many. Returns (label, height, tooltip) and whether they were grouped.
fn drawn(bars: &[Bar]) -> (Vec<(String, f64, String)>, bool) {
    let f = |v: &BigUint| v.to_f64().unwrap_or(f64::MAX);
    if bars.len() <= MAX_BARS {
        let v = bars
            .iter()
            .map(|b| (b.x.to_string(), f(&b.y), b.tooltip.clone()))
            .collect();
        return (v, false);
    }
    let mut groups: Vec<(u64, BigUint, usize)> = Vec::new();
    for b in bars {
        let k = b.x.bits().saturating_sub(1);
        match groups.last_mut() {
            Some(g) if g.0 == k => {
                g.1 += &b.y;
                g.2 += 1;
            }
            _ => groups.push((k, b.y.clone(), 1)),
        }
    }
    let v = groups
        .into_iter()
        .map(|(k, y, n)| {
            let label = format!("2^{k}..");
            let tip = format!("values in [2^{k}, 2^{}): {n} distinct, total {y}", k + 1);
            (label, f(&y), tip)
        })
        .collect();
    (v, true)
}

/// Ticks of a linear axis from 0 to at least `max`: steps of 1, 2 or 5 times a power of 10.
fn linear_ticks(max: f64) -> Vec<f64> {
    let max = max.max(1.0);
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    let top = (max / step).ceil() * step;
    let n = (top / step).round() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A tick value: an integer with thousands unseparated below 10^7, else 1e7-style.
fn tick_text(v: f64) -> String {
    if v == 0.0 {
        "0".to_string()
    } else if v.abs() < 1e7 && v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v.abs() < 1e7 {
        format!("{v}")
    } else {
        let e = v.log10().floor();
        let m = v / 10f64.powf(e);
        if (m - 1.0).abs() < 1e-9 {
            format!("1e{e:.0}")
        } else {
            format!("{m:.1}e{e:.0}")
        }
    }
}

fn panel(out: &mut String, p: &Panel, y0: f64) {
    let (bars, grouped) = drawn(&p.bars);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = PANEL_HEIGHT - TOP - BOTTOM;
    let (x0, base) = (LEFT, y0 + TOP + plot_h);
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
        WIDTH / 2.0,
        y0 + 22.0,
        escape(&p.title)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
        WIDTH / 2.0,
        y0 + 40.0,
        escape(&shorten(&p.subtitle, (plot_w / CHAR) as usize))
    );
    let positive: Vec<f64> = bars.iter().map(|b| b.1).filter(|&v| v > 0.0).collect();
    let max = positive.iter().copied().fold(0.0, f64::max);
    let min = positive.iter().copied().fold(f64::INFINITY, f64::min);
    let log = !positive.is_empty() && max / min >= LOG_RATIO;
    // y position of value v.
    // The log axis starts 0.3 decades (a factor 2) below the smallest bar, so that a bar of
    // the smallest value is seen; ticks are the powers of ten above that.
    let (lo_exp, hi_exp) = (min.log10() - 0.3, max.log10().ceil().max(1.0));
    let ticks: Vec<f64> = if log {
        (lo_exp.ceil() as i32..=hi_exp as i32)
            .map(|e| 10f64.powi(e))
            .collect()
    } else {
        linear_ticks(max)
    };
    let top_value = ticks.last().copied().unwrap_or(1.0);
    let y_of = |v: f64| -> f64 {
        if log {
            let t = (v.log10() - lo_exp) / (hi_exp - lo_exp);
            base - t * plot_h
        } else {
            base - v / top_value * plot_h
        }
    };
    // Axes, grid and y ticks.
    for &t in &ticks {
        let y = y_of(t);
        let _ = writeln!(
            out,
            "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"ytick\">{}</text>",
            x0 + plot_w,
            x0 - 6.0,
            y + 4.0,
            tick_text(t)
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{x0}\" y1=\"{base}\" x2=\"{:.1}\" y2=\"{base}\" stroke=\"black\"/>\
         <line x1=\"{x0}\" y1=\"{}\" x2=\"{x0}\" y2=\"{base}\" stroke=\"black\"/>",
        x0 + plot_w,
        y0 + TOP
    );
    let y_label = if log {
        format!("{} (log scale)", p.y_label)
    } else {
        p.y_label.clone()
    };
    let mid = y0 + TOP + plot_h / 2.0;
    let _ = writeln!(
        out,
        "<text x=\"20\" y=\"{mid:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 20 {mid:.1})\" \
         class=\"ylabel\">{}</text>",
        escape(&y_label)
    );
    // Bars, with their x labels thinned so that they never overlap.
    let n = bars.len().max(1);
    let slot = plot_w / n as f64;
    let widest = bars.iter().map(|b| b.0.len()).max().unwrap_or(1) as f64 * CHAR;
    let rotate = widest + 6.0 > slot;
    // Rotated labels need about a line height each; horizontal ones their width.
    let room = if rotate { FONT + 4.0 } else { widest + 6.0 };
    let every = (room / slot).ceil().max(1.0) as usize;
    let show_values = bars.len() <= 40;
    for (i, (label, v, tip)) in bars.iter().enumerate() {
        let x = x0 + slot * i as f64;
        let w = (slot * 0.7).max(1.0);
        let bx = x + (slot - w) / 2.0;
        let top = if *v > 0.0 {
            y_of(*v).min(base - 1.5)
        } else {
            base
        };
        let _ = writeln!(
            out,
            "<rect class=\"bar\" x=\"{bx:.2}\" y=\"{top:.2}\" width=\"{w:.2}\" height=\"{:.2}\" \
             fill=\"#4878cf\"><title>{}</title></rect>",
            base - top,
            escape(tip)
        );
        let cx = x + slot / 2.0;
        let value = tick_text(*v);
        if show_values && value.len() as f64 * CHAR * 0.85 <= slot.max(24.0) {
            let _ = writeln!(
                out,
                "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\" \
                 fill=\"#222\">{value}</text>",
                top - 4.0
            );
        }
        if i % every == 0 {
            let ly = base + 16.0;
            if rotate {
                let _ = writeln!(
                    out,
                    "<text class=\"xtick\" x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"end\" \
                     transform=\"rotate(-45 {cx:.1} {ly:.1})\">{}</text>",
                    escape(label)
                );
            } else {
                let _ = writeln!(
                    out,
                    "<text class=\"xtick\" x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>",
                    escape(label)
                );
            }
        }
    }
    let mut x_label = p.x_label.clone();
    if grouped {
        let _ = write!(
            x_label,
            "; {} distinct values grouped in powers of two",
            p.bars.len()
        );
    }
    if every > 1 {
        let _ = write!(x_label, "; one label per {every} bars");
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"xlabel\">{}</text>",
        x0 + plot_w / 2.0,
        y0 + PANEL_HEIGHT - 28.0,
        escape(&x_label)
    );
    if !p.note.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
            x0 + plot_w / 2.0,
            y0 + PANEL_HEIGHT - 10.0,
            escape(&p.note)
        );
    }
}

/// `text` cut to `max` characters with an ellipsis (a degree-2000 polynomial is long).
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max.saturating_sub(3)).collect();
    format!("{head}...")
}

/// XML text escaping.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_ticks_are_round_and_cover_the_maximum() {
        assert_eq!(linear_ticks(6.0), vec![0.0, 2.0, 4.0, 6.0]);
        assert_eq!(linear_ticks(1.0), vec![0.0, 1.0]);
        let t = linear_ticks(93.0);
        assert_eq!(t.first(), Some(&0.0));
        assert!(*t.last().unwrap() >= 93.0 && t.len() <= 7, "{t:?}");
    }

    #[test]
    fn tick_texts() {
        assert_eq!(tick_text(0.0), "0");
        assert_eq!(tick_text(100.0), "100");
        assert_eq!(tick_text(1e9), "1e9");
        assert_eq!(tick_text(2.5e12), "2.5e12");
    }

    #[test]
    fn many_values_are_grouped_in_powers_of_two() {
        let bars: Vec<Bar> = (1..=300u32)
            .map(|x| Bar {
                x: x.into(),
                y: 1u32.into(),
                tooltip: String::new(),
            })
            .collect();
        let (drawn, grouped) = drawn(&bars);
        assert!(grouped);
        // 1, 2-3, 4-7, ..., 256-300: 9 groups holding 1, 2, 4, ..., 45 values.
        assert_eq!(drawn.len(), 9);
        assert_eq!(drawn[1].1, 2.0);
        assert_eq!(drawn[8].1, 45.0);
        assert_eq!(drawn[8].0, "2^8..");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
