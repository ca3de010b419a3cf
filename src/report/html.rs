//! HTML for people: a sheet per child in plain words (no costs, no codes) with a simple map,
//! and a manager's comparison with the costs. Self-contained pages: inline styles and SVG, no
//! scripts, fonts or links to anywhere. Rendered from templates (templates/) with escaping on.

use super::map_labels::{MapPoint, place_labels};
use super::options::siblings_living_with;
use super::sheet_words;
use crate::criteria::ReasonColumn;
use crate::error::{Error, Result};
use crate::matching::MatchProblem;
use crate::model::{Dataset, Location, Policy};
use crate::options::{Audience, ChildOptions, explain, option_reasons, why_not_best_words};
use minijinja::{Environment, context};

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
        ReasonColumn::Age => "Some homes look after children of a different age.",
        ReasonColumn::Gender => "Some homes are for boys only or for girls only.",
        ReasonColumn::Needs => "Some homes are not set up to give the help you need.",
        ReasonColumn::Distance => "Some homes are too far from your family.",
        ReasonColumn::Beds if with_siblings => {
            "Some homes do not have room for you and your brothers and sisters together."
        }
        ReasonColumn::Beds => "Some homes do not have a free bed.",
        ReasonColumn::AvoidArea => {
            "Some homes are in an area where it would not be safe for you to live."
        }
        ReasonColumn::Other => {
            "Some homes are not the kind of home your plan says is right for you, or they need to get better first."
        }
        ReasonColumn::Law => "the law does not allow you to live there",
        ReasonColumn::Household => {
            "the children who already live there are not the right ones for you to live with"
        }
    }
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
    let xy = |lat: f64, lon: f64| {
        let x = width / 2.0 + (lon * lat0 - cx) * scale;
        let y = height / 2.0 - (lat - cy) * scale;
        ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
    };
    let project = |l: &Location| xy(l.lat, l.lon);
    let (fx, fy) = project(family);
    let mut points = vec![MapPoint {
        x: fx,
        y: fy,
        kind: "family",
        label: "Your family".into(),
        number: 0,
        label_x: 0.0,
        label_y: 0.0,
    }];
    if let Some(s) = school {
        let (x, y) = project(s);
        points.push(MapPoint {
            x,
            y,
            kind: "school",
            label: "Your school".into(),
            number: 0,
            label_x: 0.0,
            label_y: 0.0,
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
            label_x: 0.0,
            label_y: 0.0,
        });
    }
    place_labels(&mut points, width, height);
    // The county and its districts, behind the points (the picture clips what lies outside).
    let outline = super::outline::district_paths(xy);
    // One degree of latitude is about 111 km.
    let km_across = (width - 2.0 * pad) / scale * 111.0;
    env.get_template("map.svg")
        .and_then(|t| {
            t.render(context! {
                width, height, points => minijinja::value::Serde(&points), family_x => fx, family_y => fy,
                outline => minijinja::value::Serde(&outline),
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
    let today = sheet_words::today();
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
                let mut lines = explain(
                    child,
                    &dataset.homes[o.home],
                    policy,
                    siblings,
                    Audience::YoungPerson,
                );
                // The reasons that count most and the drawbacks, unless already said.
                for line in
                    option_reasons(dataset, policy, c, o.home, siblings, Audience::YoungPerson)
                {
                    // Already said (also inside a longer sentence): not said twice.
                    let bare = line.trim_end_matches('.').to_lowercase();
                    if !lines.iter().any(|l| l.to_lowercase().contains(&bare)) {
                        lines.push(line);
                    }
                }
                if let Some(why) = &o.why_not_best {
                    lines.push(why_not_best_words(dataset, c, why, o.score).1);
                }
                context! { number => i + 1, suggested => o.recommended, lines }
            })
            .collect();
        let e = &problem.eligibility[c];
        // The reasons, without counts: "102 homes cannot help you" only discourages.
        let reasons: Vec<String> = ReasonColumn::ALL
            .iter()
            .filter(|&&col| e.rejected_by(col) > 0)
            .map(|&col| reason_words(col, with_siblings).to_string())
            .collect();
        let choice_words = match child_options.eligible_homes {
            0 => "we have not yet found a free home that is right for you".to_string(),
            1 => "we have found one home that could be right for you".to_string(),
            n => format!(
                "we have found {} homes that could be right for you",
                if n == 2 { "two" } else { "a few" }
            ),
        };
        let (title, intro) = sheet_words::heading(child.age);
        let reference = format!("For the social worker: {}, {today}", child.id);
        let family_lines: Vec<String> = sheet_words::siblings_line(dataset, placements, c)
            .into_iter()
            .chain(sheet_words::wish_line(dataset, placements, c))
            .collect();
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
                    title, intro, reference, family_lines,
                })
            })
            .map_err(template_err)?;
        pages.push((format!("child-{}.html", child.id), html.into_bytes()));
    }
    Ok(pages)
}

/// The managers' notes on one option: why the recommended home is not the child's best, and
/// (on the first row of a child with fewer than three choices) the changes that would open
/// more homes.
fn notes(
    dataset: &Dataset,
    child: &ChildOptions,
    row: usize,
    o: &crate::options::ChildOption,
) -> String {
    let mut out = Vec::new();
    if let Some(why) = &o.why_not_best {
        out.push(why_not_best_words(dataset, child.child, why, o.score).0);
    }
    if row == 0 && child.eligible_homes < 3 {
        out.extend(nearest_to_opening(child));
    }
    out.join(" ")
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
                name => home.name.as_str(),
                kind => home.kind.words(),
                notes => notes(dataset, child, i, o),
                score => format!("{:.2}", o.score),
                system_cost => if o.recommended { String::new() } else { format!("{:.2}", o.system_cost) },
                weekly_cost => super::pounds(home.weekly_cost),
                moves => moves.join(", "),
            });
        }
        if child.options.is_empty() {
            let notes = nearest_to_opening(child).unwrap_or_default();
            rows.push(context! { first => true, child => dataset.children[child.child].id.as_str(), choices => 0, few => true, moves => "no home can take this child today", notes });
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

/// The managers' note on the three near misses that open the most homes ("Nearest to opening:
/// ..."), None when the child has none.
fn nearest_to_opening(child: &ChildOptions) -> Option<String> {
    let opens: Vec<String> = child
        .near_misses
        .iter()
        .take(3)
        .map(|m| m.words())
        .collect();
    (!opens.is_empty()).then(|| format!("Nearest to opening: {}.", opens.join("; ")))
}
