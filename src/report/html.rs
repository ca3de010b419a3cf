//! HTML for people: a sheet per child in plain words (no costs, no codes) with a simple map,
//! and a manager's comparison with the costs. Self-contained pages: inline styles and SVG, no
//! scripts, fonts or links to anywhere. Rendered from templates (templates/) with escaping on.

use super::options::siblings_living_with;
use crate::criteria::ReasonColumn;
use crate::error::{Error, Result};
use crate::matching::MatchProblem;
use crate::model::{Dataset, Location, Policy};
use crate::options::{Audience, ChildOptions, explain};
use minijinja::{Environment, context};
use serde::Serialize;

/// Every template, compiled into the program (so reports need no files at run time).
pub(super) fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    // Every template is escaped for HTML, the SVG ones too (they are inserted into pages):
    // no text from an input (an id, a name, a scenario or file name) can open a tag there.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".svg") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    let templates = [
        (
            "child_options.html",
            include_str!("../../templates/child_options.html"),
        ),
        (
            "manager_options.html",
            include_str!("../../templates/manager_options.html"),
        ),
        ("map.svg", include_str!("../../templates/map.svg")),
        (
            "match_report.html",
            include_str!("../../templates/match_report.html"),
        ),
        (
            "county_map.svg",
            include_str!("../../templates/county_map.svg"),
        ),
        (
            "scenario_dashboard.html",
            include_str!("../../templates/scenario_dashboard.html"),
        ),
        (
            "interval_bars.svg",
            include_str!("../../templates/interval_bars.svg"),
        ),
        (
            "weekly_lines.svg",
            include_str!("../../templates/weekly_lines.svg"),
        ),
    ];
    for (name, source) in templates {
        env.add_template(name, source).map_err(template_err)?;
    }
    Ok(env)
}

/// An SVG rendered by an escaping template, to insert into a page as it is (no `|safe` in
/// the templates: only markup the templates made is ever marked safe).
pub(super) fn rendered_svg(svg: String) -> minijinja::Value {
    minijinja::Value::from_safe_string(svg)
}

pub(super) fn template_err(e: minijinja::Error) -> Error {
    Error::Solver(format!("rendering HTML: {e}"))
}

/// Why other homes could not be offered, in words a 12-year-old can read.
fn reason_words(column: ReasonColumn, with_siblings: bool) -> &'static str {
    match column {
        ReasonColumn::Age => "they look after children of a different age",
        ReasonColumn::Gender => "they are for boys only or for girls only",
        ReasonColumn::Needs => "they cannot give the support you need",
        ReasonColumn::Distance => "they are too far from your family",
        ReasonColumn::Beds if with_siblings => {
            "they do not have room for you and your brothers and sisters together"
        }
        ReasonColumn::Beds => "they do not have enough room",
        ReasonColumn::AvoidArea => "they are in an area where it would not be safe for you to live",
        ReasonColumn::Other => {
            "they are not the kind of home your plan says is right for you, or they need to improve first"
        }
        ReasonColumn::Law => "the law does not allow you to live there",
        ReasonColumn::Household => {
            "the children who already live there are not the right ones for you to live with"
        }
    }
}

fn homes_words(n: u32) -> String {
    if n == 1 {
        "1 home".to_string()
    } else {
        format!("{n} homes")
    }
}

#[derive(Serialize)]
struct MapPoint {
    x: f64,
    y: f64,
    kind: &'static str,
    label: String,
    number: usize,
}

/// An equirectangular map of the family home, the school and the options, scaled to fit.
fn map_svg(
    env: &Environment,
    family: &Location,
    school: Option<&Location>,
    options: &[&Location],
) -> Result<String> {
    let (width, height, pad) = (640.0, 420.0, 50.0);
    let mut all: Vec<&Location> = vec![family];
    all.extend(school);
    all.extend(options.iter().copied());
    let lat0 = family.lat.to_radians().cos();
    let xs: Vec<f64> = all.iter().map(|l| l.lon * lat0).collect();
    let ys: Vec<f64> = all.iter().map(|l| l.lat).collect();
    let (min_x, max_x) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let (min_y, max_y) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    // At least about 5 km across, so that nearby points do not sit on top of each other.
    let span = (max_x - min_x).max(max_y - min_y).max(0.05);
    let scale = ((width - 2.0 * pad) / span).min((height - 2.0 * pad) / span);
    let (cx, cy) = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
    let project = |l: &Location| {
        let x = width / 2.0 + (l.lon * lat0 - cx) * scale;
        let y = height / 2.0 - (l.lat - cy) * scale;
        ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
    };
    let (fx, fy) = project(family);
    let mut points = vec![MapPoint {
        x: fx,
        y: fy,
        kind: "family",
        label: "Your family".into(),
        number: 0,
    }];
    if let Some(s) = school {
        let (x, y) = project(s);
        points.push(MapPoint {
            x,
            y,
            kind: "school",
            label: "Your school".into(),
            number: 0,
        });
    }
    for (i, l) in options.iter().enumerate() {
        let (x, y) = project(l);
        points.push(MapPoint {
            x,
            y,
            kind: "option",
            label: String::new(),
            number: i + 1,
        });
    }
    // One degree of latitude is about 111 km.
    let km_across = (width - 2.0 * pad) / scale * 111.0;
    env.get_template("map.svg")
        .and_then(|t| {
            t.render(context! {
                width, height, points => minijinja::value::Serde(&points), family_x => fx, family_y => fy,
                title => "Map of your family home, your school and the homes offered",
                scale_text => format!("The map is about {km_across:.0} km across."),
            })
        })
        .map_err(template_err)
}

/// One sheet per child, named by the child's id (the id appears only in the file name).
pub fn child_sheets(
    dataset: &Dataset,
    policy: &Policy,
    problem: &MatchProblem,
    placements: &[Option<usize>],
    options: &[ChildOptions],
) -> Result<Vec<(String, Vec<u8>)>> {
    let env = environment()?;
    let mut pages = Vec::with_capacity(options.len());
    for child_options in options {
        let c = child_options.child;
        let child = &dataset.children[c];
        let with_siblings = child.sibling_group.is_some();
        let shown: Vec<_> = child_options
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let siblings = siblings_living_with(dataset, placements, c, o.home, o.recommended);
                let lines = explain(
                    child,
                    &dataset.homes[o.home],
                    policy,
                    siblings,
                    Audience::YoungPerson,
                );
                context! { number => i + 1, suggested => o.recommended, lines }
            })
            .collect();
        let e = &problem.eligibility[c];
        let reasons: Vec<String> = ReasonColumn::ALL
            .iter()
            .filter(|&&col| e.rejected_by(col) > 0)
            .map(|&col| {
                format!(
                    "{} ({})",
                    reason_words(col, with_siblings),
                    homes_words(e.rejected_by(col))
                )
            })
            .collect();
        let choice_words = match child_options.eligible_homes {
            0 => "no home is free that could be right for you".to_string(),
            1 => "only one home could be right for you".to_string(),
            n => format!(
                "only {} homes could be right for you",
                if n == 2 { "two" } else { "a few" }
            ),
        };
        let locations: Vec<&Location> = child_options
            .options
            .iter()
            .map(|o| &dataset.homes[o.home].location)
            .collect();
        let map = map_svg(
            &env,
            &child.home,
            child.school.as_ref().map(|s| &s.location),
            &locations,
        )?;
        let map_text = if child.school.is_some() {
            "The green square is your family home, the blue triangle is your school, and the numbered circles are the homes offered."
        } else {
            "The green square is your family home and the numbered circles are the homes offered."
        };
        let html = env
            .get_template("child_options.html")
            .and_then(|t| {
                t.render(context! {
                    options => shown,
                    fewer_than_three => child_options.eligible_homes < 3,
                    choice_words, reasons, map_svg => rendered_svg(map), map_text,
                })
            })
            .map_err(template_err)?;
        pages.push((format!("child-{}.html", child.id), html.into_bytes()));
    }
    Ok(pages)
}

/// The manager's one-page comparison, with costs.
pub fn manager_page(
    dataset: &Dataset,
    policy: &Policy,
    options: &[ChildOptions],
) -> Result<Vec<u8>> {
    let env = environment()?;
    let mut rows = Vec::new();
    let few = options.iter().filter(|o| o.eligible_homes < 3).count();
    for child in options {
        for (i, o) in child.options.iter().enumerate() {
            let home = &dataset.homes[o.home];
            let moves: Vec<&str> = o
                .displaced
                .iter()
                .map(|&d| dataset.children[d].id.as_str())
                .collect();
            rows.push(context! {
                first => i == 0,
                child => dataset.children[child.child].id.as_str(),
                choices => child.eligible_homes,
                few => child.eligible_homes < 3,
                rank => o.rank,
                recommended => o.recommended,
                home => home.id.as_str(),
                kind => home.kind.words(),
                score => format!("{:.2}", o.score),
                system_cost => if o.recommended { String::new() } else { format!("{:.2}", o.system_cost) },
                weekly_cost => super::pounds(home.weekly_cost),
                moves => moves.join(", "),
            });
        }
        if child.options.is_empty() {
            rows.push(context! { first => true, child => dataset.children[child.child].id.as_str(), choices => 0, few => true, moves => "no home can take this child today" });
        }
    }
    let headline = format!(
        "{} children; {} have three or more homes to choose from; {} have fewer.",
        options.len(),
        options.len() - few,
        few
    );
    env.get_template("manager_options.html")
        .and_then(|t| {
            t.render(
                context! { rows, headline, placement_points => policy.options.placement_points },
            )
        })
        .map(String::into_bytes)
        .map_err(template_err)
}
