//! The 30-day utilization chart, drawn on the server as SVG geometry that
//! the template turns into `<rect>`s (no script, no inline style), with a
//! text alternative.

use crate::domain::utilization::Summary;
use crate::i18n::Lang;

const WIDTH: i64 = 640;
const HEIGHT: i64 = 200;
const LEFT: i64 = 44;
const RIGHT: i64 = 8;
const TOP: i64 = 10;
const BOTTOM: i64 = 30;

/// One day's bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// Width in `viewBox` units: three quarters of the day's slot, at least 1.
    pub width: i64,
    /// Height (0 for 0 %).
    pub height: i64,
    /// `high`, `mid`, `low` or `none` (no data), for the colour.
    pub level: &'static str,
    /// The day, formatted.
    pub day: String,
    /// The value, formatted (or a dash).
    pub value: String,
}

/// A horizontal grid line with its label.
#[derive(Debug, Clone)]
pub struct GridLine {
    /// Vertical position.
    pub y: i64,
    /// Label, e.g. `50%`.
    pub label: String,
    /// Label baseline.
    pub label_y: i64,
}

/// A day label under the bars.
#[derive(Debug, Clone)]
pub struct DayLabel {
    /// Centre of the label.
    pub x: i64,
    /// The day, formatted.
    pub text: String,
}

/// The whole chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// `viewBox` width.
    pub width: i64,
    /// `viewBox` height.
    pub height: i64,
    /// Left edge of the plot.
    pub left: i64,
    /// Right edge of the plot.
    pub right: i64,
    /// Baseline of the labels.
    pub label_y: i64,
    /// Bars, oldest first.
    pub bars: Vec<Bar>,
    /// Grid lines at 0, 50 and 100 %.
    pub grid: Vec<GridLine>,
    /// Some day labels.
    pub labels: Vec<DayLabel>,
    /// Whether any day has data.
    pub has_data: bool,
}

impl Chart {
    /// Lays out the chart for a utilization summary.
    pub fn new(summary: &Summary, lang: &Lang) -> Chart {
        let plot_height = HEIGHT - TOP - BOTTOM;
        let plot_width = WIDTH - LEFT - RIGHT;
        let n = summary.daily.len().max(1) as i64;
        let slot = plot_width / n;
        let bar_width = (slot * 3 / 4).max(1);
        let baseline = TOP + plot_height;
        let bars: Vec<Bar> = summary
            .daily
            .iter()
            .enumerate()
            .map(|(i, (day, value))| {
                let x = LEFT + i as i64 * slot + (slot - bar_width) / 2;
                let (height, level) = match value {
                    Some(p) => {
                        let v = i64::from(p.value());
                        let level = if v >= 800 {
                            "high"
                        } else if v >= 500 {
                            "mid"
                        } else {
                            "low"
                        };
                        (v * plot_height / 1000, level)
                    }
                    None => (0, "none"),
                };
                Bar {
                    x,
                    y: baseline - height,
                    width: bar_width,
                    height,
                    level,
                    day: lang.date(day),
                    value: value
                        .map(|p| lang.percent(&p))
                        .unwrap_or_else(|| "—".into()),
                }
            })
            .collect();
        let grid = [0, 50, 100]
            .into_iter()
            .map(|pct| {
                let y = baseline - pct * plot_height / 100;
                GridLine {
                    y,
                    label: format!("{pct}%"),
                    label_y: y + 4,
                }
            })
            .collect();
        let labels = summary
            .daily
            .iter()
            .enumerate()
            // Every seventh day and the last one, unless it would crowd its neighbour.
            .filter(|(i, _)| {
                let last = summary.daily.len().saturating_sub(1);
                *i == last || (i % 7 == 0 && last - i >= 4)
            })
            .map(|(i, (day, _))| DayLabel {
                x: LEFT + i as i64 * slot + slot / 2,
                text: lang.date(day),
            })
            .collect();
        Chart {
            width: WIDTH,
            height: HEIGHT,
            left: LEFT,
            right: WIDTH - RIGHT,
            label_y: HEIGHT - 8,
            has_data: summary.daily.iter().any(|(_, v)| v.is_some()),
            bars,
            grid,
            labels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::utilization::{Permille, summarize};
    use chrono::{Days, NaiveDate};

    #[test]
    fn bars_scale_with_utilization() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let days: Vec<_> = (1..=30)
            .map(|ago| {
                (
                    today - Days::new(ago),
                    Permille::new(if ago == 1 { 1000 } else { 0 }),
                )
            })
            .collect();
        let chart = Chart::new(&summarize(&days, today), &Lang::default());
        assert_eq!(chart.bars.len(), 30);
        let last = chart.bars.last().expect("bar");
        assert_eq!(last.height, HEIGHT - TOP - BOTTOM);
        assert_eq!(last.level, "high");
        assert_eq!(chart.bars[0].height, 0);
        assert_eq!(chart.bars[0].level, "low");
        assert!(chart.has_data);
        assert!(chart.bars.iter().all(|b| b.x + b.width <= chart.right));
        let xs: Vec<i64> = chart.labels.iter().map(|l| l.x).collect();
        assert!(
            xs.windows(2)
                .all(|w| w[1] - w[0] >= 4 * (w[1] - w[0]) / 7 && w[1] - w[0] > 60),
            "labels apart: {xs:?}"
        );
    }
}
