//! Clique and odd-cycle inequalities over columns that conflict, across homes.
//!
//! Two columns conflict when no answer can choose both: they share a child (the child's row),
//! they are at one home and their `beds` together exceed its capacity (the beds row), they are
//! a pair of the model's `conflicts`, or they are at one home and the model's `clashes` says
//! their children must not share it. The cover inequalities of [`super::cuts`] see one home at
//! a time; the dense county's LP was half-integral around odd cycles of such conflicts spanning
//! several one- and two-bed homes (a child in two homes, each home also half-filled by another
//! child or by an exempted sibling group taking every bed), which no single-home row cuts off.
//!
//! In the conflict graph (a node per column, an edge per conflicting pair) every answer is a
//! stable set, so every answer satisfies:
//!
//! - for a clique K (pairwise conflicting columns), `sum_K x <= 1`: at most one is chosen;
//! - for an odd cycle C (|C| = 2k + 1, consecutive columns conflicting), `sum_C x <= k`:
//!   choosing k + 1 of 2k + 1 columns around a cycle puts two neighbours together.
//!
//! These are the clique and odd-cycle inequalities of the set packing polytope (Padberg, "On
//! the facial structure of set packing polyhedra", Math. Programming 5, 1973; Nemhauser and
//! Wolsey, Integer and Combinatorial Optimization, 1988, on node packing). Being valid for every answer,
//! adding them never changes the optimum, only the LP bound. [`odd_cycles`] finds the ones the
//! LP's answer breaks, among its fractional columns: cliques greedily, odd cycles as shortest
//! paths in the bipartite double cover with edge weight `1 - x_i - x_j` (Grötschel, Lovász and
//! Schrijver, Geometric Algorithms and Combinatorial Optimization, on stable sets): a cycle of weight
//! below 1 is an odd-cycle inequality broken by half that shortfall.
//!
//! The work is bounded: at most [`MAX_ROWS`] rows a round, [`CONFLICT_ROUNDS`] rounds a
//! relaxation, and no round at all over more than [`MAX_FRACTIONAL`] fractional columns (the
//! graph and one shortest-path search per column grow with them); past these bounds the LP is
//! merely weaker, and branch and bound closes what is left.

use std::collections::{BTreeSet, BinaryHeap};

use super::AssignmentModel;
use super::cuts::Cut;
use super::subsets::is_fractional;
use super::tolerance::VIOLATION;

/// Rounds of conflict cuts in one relaxation: only a bound on the work.
pub(super) const CONFLICT_ROUNDS: usize = 20;

/// Rows one round adds at most.
const MAX_ROWS: usize = 200;

/// Above this many fractional columns a round finds nothing (see the module's bounds).
const MAX_FRACTIONAL: usize = 20_000;

/// A cycle is broken when its weight is below this.
const BROKEN_BELOW: f64 = 1.0 - VIOLATION;

/// The conflict graph on the LP's fractional columns. Nodes are positions in `columns`.
struct Graph {
    /// The fractional columns (model indices), ascending.
    columns: Vec<usize>,
    /// Their LP values.
    x: Vec<f64>,
    /// Node i's neighbours are `targets[offsets[i]..offsets[i + 1]]`, ascending.
    offsets: Vec<usize>,
    targets: Vec<usize>,
}

impl Graph {
    /// The graph on the columns of `live` that `x` (by model column) uses fractionally; None
    /// when there are too few for a cut or too many to search (see [`MAX_FRACTIONAL`]).
    fn build(model: &AssignmentModel, live: &[usize], x: &[f64]) -> Option<Graph> {
        let mut columns: Vec<usize> = live
            .iter()
            .copied()
            .filter(|&j| is_fractional(x[j]))
            .collect();
        columns.sort_unstable();
        columns.dedup();
        if columns.len() < 3 || columns.len() > MAX_FRACTIONAL {
            return None;
        }
        let of = |i: usize| &model.columns[columns[i]];
        let mut edges: Vec<(usize, usize)> = Vec::new();
        // A shared child: every pair of the columns of one child.
        let mut by_child: Vec<(usize, usize)> = (0..columns.len())
            .flat_map(|i| of(i).children.iter().map(move |&c| (c, i)))
            .collect();
        by_child.sort_unstable();
        for group in by_child.chunk_by(|a, b| a.0 == b.0) {
            pairs(group, &mut edges, |_, _| true);
        }
        // One home: over its beds, or clashing (the clash rule is asked only of columns with
        // no child in common, as [`super::Clashes`] expects).
        let mut by_home: Vec<(usize, usize)> =
            (0..columns.len()).map(|i| (of(i).home, i)).collect();
        by_home.sort_unstable();
        for group in by_home.chunk_by(|a, b| a.0 == b.0) {
            let capacity = model.capacity[group[0].0];
            pairs(group, &mut edges, |a, b| {
                let (ca, cb) = (of(a), of(b));
                if ca.beds + cb.beds > capacity {
                    return true;
                }
                let shared = ca.children.iter().any(|c| cb.children.contains(c));
                !shared && model.clashes.as_ref().is_some_and(|r| r.clash(ca, cb))
            });
        }
        // The model's conflict pairs (sorted; both columns looked up among the fractional).
        for &[a, b] in &model.conflicts {
            if let (Ok(i), Ok(k)) = (columns.binary_search(&a), columns.binary_search(&b)) {
                edges.push((i.min(k), i.max(k)));
            }
        }
        edges.sort_unstable();
        edges.dedup();
        let mut degree = vec![0usize; columns.len() + 1];
        for &(a, b) in &edges {
            degree[a + 1] += 1;
            degree[b + 1] += 1;
        }
        let mut offsets = degree;
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0usize; 2 * edges.len()];
        for &(a, b) in &edges {
            targets[fill[a]] = b;
            fill[a] += 1;
            targets[fill[b]] = a;
            fill[b] += 1;
        }
        // Edges are sorted by (a, b): each node's list is ascending once both halves merge.
        for i in 0..columns.len() {
            targets[offsets[i]..offsets[i + 1]].sort_unstable();
        }
        let x = columns.iter().map(|&j| x[j]).collect();
        Some(Graph {
            columns,
            x,
            offsets,
            targets,
        })
    }

    fn neighbours(&self, i: usize) -> &[usize] {
        &self.targets[self.offsets[i]..self.offsets[i + 1]]
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.neighbours(a).binary_search(&b).is_ok()
    }

    /// The row `sum x <= rhs` over `nodes`, by model column.
    fn row(&self, nodes: &[usize], rhs: f64) -> Cut {
        let mut columns: Vec<usize> = nodes.iter().map(|&i| self.columns[i]).collect();
        columns.sort_unstable();
        Cut {
            home: 0,
            columns,
            rhs,
        }
    }
}

/// Push every pair (a < b) of the nodes of `group` (second of each entry) that `conflict`
/// accepts.
fn pairs(
    group: &[(usize, usize)],
    edges: &mut Vec<(usize, usize)>,
    mut conflict: impl FnMut(usize, usize) -> bool,
) {
    for (n, &(_, a)) in group.iter().enumerate() {
        for &(_, b) in &group[n + 1..] {
            if a != b && conflict(a, b) {
                edges.push((a.min(b), a.max(b)));
            }
        }
    }
}

/// Clique and odd-cycle rows (see the module) broken by more than [`VIOLATION`] by the LP's
/// answer `x` (by model column; zero off the LP) over the fractional columns of `live` (the
/// LP's columns), none in `existing` and none twice, at most [`MAX_ROWS`]. Deterministic:
/// columns are visited largest value first, ties by index.
pub(super) fn odd_cycles(
    model: &AssignmentModel,
    live: &[usize],
    x: &[f64],
    existing: &[Cut],
) -> Vec<Cut> {
    let Some(graph) = Graph::build(model, live, x) else {
        return Vec::new();
    };
    let mut order: Vec<usize> = (0..graph.columns.len()).collect();
    order.sort_by(|&a, &b| graph.x[b].total_cmp(&graph.x[a]).then(a.cmp(&b)));
    let mut rank = vec![0usize; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut seen: BTreeSet<(Vec<usize>, u64)> = existing
        .iter()
        .map(|c| (c.columns.clone(), c.rhs.to_bits()))
        .collect();
    let mut found: Vec<Cut> = Vec::new();
    let mut keep = |cut: Cut, found: &mut Vec<Cut>| {
        if seen.insert((cut.columns.clone(), cut.rhs.to_bits())) {
            found.push(cut);
        }
    };
    // Cliques, greedily from each column; node sets kept to skip the triangles they cover.
    let mut cliques: Vec<Vec<usize>> = Vec::new();
    for &first in &order {
        if found.len() >= MAX_ROWS {
            break;
        }
        let mut next: Vec<usize> = graph.neighbours(first).to_vec();
        next.sort_unstable_by_key(|&i| rank[i]);
        let mut clique = vec![first];
        for b in next {
            if clique.iter().all(|&a| graph.adjacent(a, b)) {
                clique.push(b);
            }
        }
        let lhs: f64 = clique.iter().map(|&i| graph.x[i]).sum();
        if clique.len() >= 3 && lhs > 1.0 + VIOLATION {
            clique.sort_unstable();
            keep(graph.row(&clique, 1.0), &mut found);
            cliques.push(clique);
        }
    }
    let covered = |cycle: &[usize]| {
        let columns: Vec<usize> = cycle.iter().map(|&i| graph.columns[i]).collect();
        cliques
            .iter()
            .any(|k| cycle.iter().all(|i| k.binary_search(i).is_ok()))
            || existing
                .iter()
                .any(|c| c.rhs == 1.0 && columns.iter().all(|j| c.columns.binary_search(j).is_ok()))
    };
    let mut search = Search::new(graph.columns.len());
    for &start in &order {
        if found.len() >= MAX_ROWS {
            break;
        }
        let Some(cycle) = search.shortest_odd_cycle(&graph, start) else {
            continue;
        };
        if cycle.len() == 3 && covered(&cycle) {
            continue;
        }
        // Its weight, |C| - 2 sum x (at least, the weights being clipped at 0), is below
        // 1 - VIOLATION: the row is broken by more than half of VIOLATION.
        keep(
            graph.row(&cycle, ((cycle.len() - 1) / 2) as f64),
            &mut found,
        );
    }
    for cut in &mut found {
        cut.home = model.columns[cut.columns[0]].home;
    }
    found
}

/// A node of the double cover and its distance from the start, nearest first in a
/// [`BinaryHeap`] (ties: the smaller node, so the search is deterministic).
#[derive(Clone, Copy, PartialEq)]
struct Reached {
    distance: f64,
    node: usize,
}

impl Eq for Reached {}

impl Ord for Reached {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .distance
            .total_cmp(&self.distance)
            .then(other.node.cmp(&self.node))
    }
}

impl PartialOrd for Reached {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Dijkstra's scratch over the double cover (node 2i + parity), reset between searches
/// through the nodes it touched only, so that one search per column stays local.
struct Search {
    distance: Vec<f64>,
    previous: Vec<usize>,
    touched: Vec<usize>,
    heap: BinaryHeap<Reached>,
}

impl Search {
    fn new(nodes: usize) -> Search {
        Search {
            distance: vec![f64::INFINITY; 2 * nodes],
            previous: vec![usize::MAX; 2 * nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// The nodes of the lightest odd closed walk through `start` (start first), when it is a
    /// simple cycle of weight below [`BROKEN_BELOW`]: the shortest path from (start, even) to
    /// (start, odd), edge weight `max(0, 1 - x_i - x_j)`.
    fn shortest_odd_cycle(&mut self, graph: &Graph, start: usize) -> Option<Vec<usize>> {
        for &n in &self.touched {
            self.distance[n] = f64::INFINITY;
            self.previous[n] = usize::MAX;
        }
        self.touched.clear();
        self.heap.clear();
        let (from, to) = (2 * start, 2 * start + 1);
        self.distance[from] = 0.0;
        self.touched.push(from);
        self.heap.push(Reached {
            distance: 0.0,
            node: from,
        });
        let mut reached = false;
        while let Some(Reached { distance, node }) = self.heap.pop() {
            if distance > self.distance[node] {
                continue;
            }
            if distance >= BROKEN_BELOW {
                break;
            }
            if node == to {
                reached = true;
                break;
            }
            let (i, parity) = (node / 2, node % 2);
            for &k in graph.neighbours(i) {
                let next = 2 * k + (1 - parity);
                let d = distance + (1.0 - graph.x[i] - graph.x[k]).max(0.0);
                if d < self.distance[next] {
                    if self.distance[next] == f64::INFINITY {
                        self.touched.push(next);
                    }
                    self.distance[next] = d;
                    self.previous[next] = node;
                    self.heap.push(Reached {
                        distance: d,
                        node: next,
                    });
                }
            }
        }
        if !reached {
            return None;
        }
        // Walk back from (start, odd) to (start, even): the cycle's nodes, start last.
        let mut cycle = Vec::new();
        let mut node = to;
        while node != from {
            cycle.push(node / 2);
            node = self.previous[node];
        }
        cycle.reverse();
        let mut distinct = cycle.clone();
        distinct.sort_unstable();
        distinct.dedup();
        (distinct.len() == cycle.len() && cycle.len() >= 3).then_some(cycle)
    }
}

#[cfg(test)]
#[path = "conflict_cuts_tests.rs"]
mod tests;
