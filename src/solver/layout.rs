//! The rows of a model and each column's entries in them.
//!
//! Rows, in this order: one per child (placed at most once), one per home (beds: each column
//! counts its `beds`), the budget, phase 2's floor on the weighted count, one per required
//! pair, the sibling-group valid inequalities (at most floor(capacity / k) columns of k or more
//! beds in a home), one per conflict pair (at most one of two columns), then the cover
//! inequalities. The [`Layout`] records where each row went so that the duals can be
//! read back (pricing, [`super::face`]).

use super::AssignmentModel;
use super::Column;
use super::cuts::Cut;

/// What a floor row counts: a phase's objective, which the next phase must not lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// The urgency-weighted count of children placed (phase 1's objective).
    Weight,
    /// The total score (phase 2's objective).
    Score,
}

impl Measure {
    pub fn of(self, column: &Column) -> f64 {
        match self {
            Measure::Weight => column.weight,
            Measure::Score => column.score,
        }
    }
}

/// A floor: answers must reach `value` in `measure`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Floor {
    pub measure: Measure,
    pub value: f64,
}

/// Where each kind of row sits in the model (row indices).
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    pub n_children: usize,
    pub n_homes: usize,
    pub budget: Option<usize>,
    /// The floor row and what it counts.
    pub floor: Option<(usize, Measure)>,
    /// (child, home, row) for each required pair.
    pub required: Vec<(usize, usize, usize)>,
    /// Per home: (k, row) for each group inequality "units of k or more children".
    pub groups: Vec<Vec<(usize, usize)>>,
    /// Row of each conflict pair, in the order of the model's `conflicts`.
    pub conflicts: Vec<usize>,
    /// The model's conflict pairs those rows state (what a basis knows them by).
    pub conflict_pairs: Vec<[usize; 2]>,
    /// Row of each cover inequality, in the order of the cuts.
    pub cuts: Vec<usize>,
    /// Per model column: an index into `cut_rows`, or `u32::MAX` when it is in no cut or
    /// conflict row (empty until the first).
    pub cut_slot: Vec<u32>,
    /// The rows of the cuts and conflict pairs a column appears in (coefficient 1), by slot.
    pub cut_rows: Vec<Vec<usize>>,
    pub n_rows: usize,
}

impl Layout {
    /// Give the next row to `cut`.
    pub fn add_cut(&mut self, n_columns: usize, cut: &Cut) {
        let row = self.n_rows;
        self.n_rows += 1;
        self.cuts.push(row);
        self.enter_row(n_columns, &cut.columns, row);
    }

    /// Put `row` (coefficient 1) into the entries of `columns`.
    fn enter_row(&mut self, n_columns: usize, columns: &[usize], row: usize) {
        if self.cut_slot.is_empty() {
            self.cut_slot = vec![u32::MAX; n_columns];
        }
        for &j in columns {
            if self.cut_slot[j] == u32::MAX {
                // Fewer cuts than u32::MAX: each one is a row of a HiGHS model.
                self.cut_slot[j] = u32::try_from(self.cut_rows.len()).unwrap_or(u32::MAX - 1);
                self.cut_rows.push(Vec::new());
            }
            self.cut_rows[self.cut_slot[j] as usize].push(row);
        }
    }

    /// The rows of the cuts and conflict pairs column `j` is in.
    pub fn cuts_of(&self, j: usize) -> &[usize] {
        match self.cut_slot.get(j) {
            Some(&slot) if slot != u32::MAX => &self.cut_rows[slot as usize],
            _ => &[],
        }
    }

    pub fn child_row(&self, child: usize) -> usize {
        child
    }

    pub fn home_row(&self, home: usize) -> usize {
        self.n_children + home
    }
}

/// The rows of the model over `subset`: which group inequalities exist depends on the largest
/// unit each home can take among those columns (and, with a face, on the face's own rows:
/// `face_groups` is its [`super::face::Face::group_full`], per home one flag for k = 2, 3, ...).
pub(super) fn layout(
    model: &AssignmentModel,
    subset: &[usize],
    floor: Option<Measure>,
    face_groups: Option<&[Vec<bool>]>,
    cuts: &[Cut],
) -> Layout {
    let n_children = model.n_children;
    let n_homes = model.capacity.len();
    let mut next = n_children + n_homes;
    let mut take = || {
        next += 1;
        next - 1
    };
    let budget = model.budget.map(|_| take());
    let floor = floor.map(|measure| (take(), measure));
    let required = model
        .required
        .iter()
        .map(|&(c, h)| (c, h, take()))
        .collect();
    let mut largest = vec![1usize; n_homes];
    for &j in subset {
        let c = &model.columns[j];
        largest[c.home] = largest[c.home].max(c.beds as usize);
    }
    if let Some(face_groups) = face_groups {
        for (home, full) in face_groups.iter().enumerate() {
            largest[home] = largest[home].max(full.len() + 1);
        }
    }
    let groups = largest
        .iter()
        .map(|&big| (2..=big).map(|k| (k, take())).collect())
        .collect();
    let conflicts: Vec<usize> = model.conflicts.iter().map(|_| take()).collect();
    let mut layout = Layout {
        n_children,
        n_homes,
        budget,
        floor,
        required,
        groups,
        conflicts: conflicts.clone(),
        conflict_pairs: model.conflicts.clone(),
        cuts: Vec::new(),
        cut_slot: Vec::new(),
        cut_rows: Vec::new(),
        n_rows: next,
    };
    for (pair, &row) in model.conflicts.iter().zip(&conflicts) {
        layout.enter_row(model.columns.len(), pair, row);
    }
    for cut in cuts {
        layout.add_cut(model.columns.len(), cut);
    }
    layout
}

/// The (row, coefficient) entries of column `j`.
pub(super) fn column_entries(
    model: &AssignmentModel,
    layout: &Layout,
    j: usize,
    out: &mut Vec<(usize, f64)>,
) {
    let column = &model.columns[j];
    out.clear();
    out.extend(column.children.iter().map(|&c| (layout.child_row(c), 1.0)));
    out.push((layout.home_row(column.home), f64::from(column.beds)));
    for &(k, row) in &layout.groups[column.home] {
        if column.beds as usize >= k {
            out.push((row, 1.0));
        }
    }
    if let Some(row) = layout.budget {
        out.push((row, column.cost));
    }
    if let Some((row, measure)) = layout.floor {
        out.push((row, measure.of(column)));
    }
    for &(c, h, row) in &layout.required {
        if h == column.home && column.children.contains(&c) {
            out.push((row, 1.0));
        }
    }
    out.extend(layout.cuts_of(j).iter().map(|&row| (row, 1.0)));
}

/// The reduced cost `objective[j] - A_j.y` of column `j`: the same entries as
/// [`column_entries`], summed straight away (pricing runs it over every column, many times).
pub(super) fn reduced_cost(
    model: &AssignmentModel,
    layout: &Layout,
    objective: &[f64],
    y: &[f64],
    j: usize,
) -> f64 {
    let column = &model.columns[j];
    let size = column.beds as usize;
    let mut d = objective[j];
    for &c in &column.children {
        d -= y[layout.child_row(c)];
    }
    d -= size as f64 * y[layout.home_row(column.home)];
    for &(k, row) in &layout.groups[column.home] {
        if size >= k {
            d -= y[row];
        }
    }
    if let Some(row) = layout.budget {
        d -= column.cost * y[row];
    }
    if let Some((row, measure)) = layout.floor {
        d -= measure.of(column) * y[row];
    }
    for &(c, h, row) in &layout.required {
        if h == column.home && column.children.contains(&c) {
            d -= y[row];
        }
    }
    for &row in layout.cuts_of(j) {
        d -= y[row];
    }
    d
}
