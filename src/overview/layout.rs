//! Fruchterman–Reingold force-directed layout (1991): nodes repel each
//! other with k²/d, edges pull their ends together with d²/k (times the
//! edge weight), and every step's move is capped by a temperature that
//! cools linearly. Starting positions come from a fixed seed, so the same
//! network is always drawn the same way. Positions end up in the unit
//! square.

use crate::rng::Rng;

/// The result of a layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// One position per node, each coordinate in `[0, 1]`.
    pub positions: Vec<[f32; 2]>,
    /// The largest distance any node moved in the last iteration, before
    /// scaling to the unit square (how settled the layout is).
    pub last_move: f32,
    /// Per node, whether [`network_layout`] put it in the rows of nodes
    /// without edges (all `false` for a plain force layout).
    pub in_rows: Vec<bool>,
    /// How many nodes one of those rows holds (0 when there are none).
    pub row_columns: usize,
}

/// Lays out `n` nodes joined by `edges` (node, node, weight).
pub fn fruchterman_reingold(
    n: usize,
    edges: &[(usize, usize, f32)],
    seed: u64,
    iterations: usize,
) -> Layout {
    let mut rng = Rng::new(seed);
    let mut pos: Vec<[f32; 2]> = (0..n)
        .map(|_| {
            [
                rng.below(10_000) as f32 / 10_000.0,
                rng.below(10_000) as f32 / 10_000.0,
            ]
        })
        .collect();
    if n == 0 {
        return Layout {
            positions: pos,
            last_move: 0.0,
            in_rows: Vec::new(),
            row_columns: 0,
        };
    }
    let k = (1.0 / n as f32).sqrt();
    let t0 = 0.1f32;
    let mut last_move = 0.0;
    let iterations = iterations.max(1);
    let mut disp = vec![[0.0f32; 2]; n];
    for it in 0..iterations {
        disp.iter_mut().for_each(|d| *d = [0.0, 0.0]);
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]);
                let d2 = (dx * dx + dy * dy).max(1e-8);
                // k²/d along the unit vector = k² * (dx, dy) / d².
                let f = k * k / d2;
                disp[i][0] += dx * f;
                disp[i][1] += dy * f;
                disp[j][0] -= dx * f;
                disp[j][1] -= dy * f;
            }
        }
        for &(a, b, w) in edges {
            if a >= n || b >= n || a == b {
                continue;
            }
            let (dx, dy) = (pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]);
            let d = (dx * dx + dy * dy).sqrt().max(1e-4);
            // d²/k along the unit vector = d * (dx, dy) / k.
            let f = w * d / k;
            disp[a][0] -= dx * f;
            disp[a][1] -= dy * f;
            disp[b][0] += dx * f;
            disp[b][1] += dy * f;
        }
        // Weak pull to the centre keeps unconnected parts on screen.
        for (p, d) in pos.iter().zip(disp.iter_mut()) {
            d[0] -= (p[0] - 0.5) * k * 0.5;
            d[1] -= (p[1] - 0.5) * k * 0.5;
        }
        let temp = t0 * (1.0 - it as f32 / iterations as f32) + 1e-4;
        last_move = 0.0;
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let step = len.min(temp);
                p[0] += d[0] / len * step;
                p[1] += d[1] / len * step;
                last_move = f32::max(last_move, step);
            }
        }
    }
    Layout {
        positions: normalise(pos),
        last_move,
        in_rows: vec![false; n],
        row_columns: 0,
    }
}

/// Lays out an actor network: the nodes with at least one edge by
/// [`fruchterman_reingold`] in the upper part of the unit square, and the
/// nodes without any (actors nobody holds a stance towards) in rows along
/// the bottom, in index order. Left in the force layout, unconnected nodes
/// are pushed far out by the connected ones and the normalisation then
/// squeezes everything that matters into a clump in the middle.
pub fn network_layout(
    n: usize,
    edges: &[(usize, usize, f32)],
    seed: u64,
    iterations: usize,
) -> Layout {
    let mut connected = vec![false; n];
    for &(a, b, _) in edges {
        if a < n && b < n && a != b {
            connected[a] = true;
            connected[b] = true;
        }
    }
    let inner: Vec<usize> = (0..n).filter(|&i| connected[i]).collect();
    let outer: Vec<usize> = (0..n).filter(|&i| !connected[i]).collect();
    if inner.is_empty() || outer.is_empty() {
        let mut all = fruchterman_reingold(n, edges, seed, iterations);
        all.positions = spread(stretch(all.positions));
        return all;
    }
    let mut local = vec![usize::MAX; n];
    for (k, &i) in inner.iter().enumerate() {
        local[i] = k;
    }
    let inner_edges: Vec<(usize, usize, f32)> = edges
        .iter()
        .filter(|&&(a, b, _)| a < n && b < n && a != b)
        .map(|&(a, b, w)| (local[a], local[b], w))
        .collect();
    let mut core = fruchterman_reingold(inner.len(), &inner_edges, seed, iterations);
    core.positions = spread(stretch(core.positions));
    let columns = row_columns(outer.len());
    let rows = outer.len().div_ceil(columns);
    let row_gap = 0.11;
    let band = (rows as f32 * row_gap).min(0.4);
    let core_height = 1.0 - band - 0.06;
    let mut positions = vec![[0.5, 0.5]; n];
    for (k, &i) in inner.iter().enumerate() {
        let [x, y] = core.positions[k];
        positions[i] = [0.5 + (x - 0.5) * core_height, y * core_height];
    }
    let row_height = band / rows as f32;
    for (k, &i) in outer.iter().enumerate() {
        let (row, col) = (k / columns, k % columns);
        let in_row = (outer.len() - row * columns).min(columns);
        let x = (col as f32 + 0.5) / in_row as f32;
        positions[i] = [x, 1.0 - band + (row as f32 + 0.5) * row_height];
    }
    Layout {
        positions,
        last_move: core.last_move,
        in_rows: connected.iter().map(|c| !c).collect(),
        row_columns: columns,
    }
}

/// How many unconnected nodes [`network_layout`] puts in one row along the
/// bottom: few enough that their names fit under them, enough that a long
/// tail of actors stays a short band under the network.
fn row_columns(unconnected: usize) -> usize {
    ((unconnected as f32).sqrt() * 1.5).ceil().clamp(3.0, 8.0) as usize
}

/// Stretches each axis on its own to fill the unit square. A force layout
/// of a few hubs often comes out wide and flat; on screen, room between
/// labels matters more than the exact aspect.
fn stretch(mut pos: Vec<[f32; 2]>) -> Vec<[f32; 2]> {
    for a in 0..2 {
        let lo = pos.iter().map(|p| p[a]).fold(f32::MAX, f32::min);
        let hi = pos.iter().map(|p| p[a]).fold(f32::MIN, f32::max);
        for p in &mut pos {
            p[a] = if hi > lo {
                (p[a] - lo) / (hi - lo)
            } else {
                0.5
            };
        }
    }
    pos
}

/// Nodes closer than this (unit square) are pushed apart by [`spread`]:
/// about a circle and its name on a canvas of a few hundred points.
const MIN_GAP: f32 = 0.1;

/// Pushes apart nodes that a force layout left on top of each other (hubs
/// pull their neighbours close), a few rounds of halving each overlap, so
/// every circle and name can be seen; positions stay in the unit square.
/// The gap shrinks with many nodes, which cannot all keep it.
fn spread(mut pos: Vec<[f32; 2]>) -> Vec<[f32; 2]> {
    let n = pos.len();
    if !(2..=2_000).contains(&n) {
        return pos;
    }
    let gap = MIN_GAP.min(0.8 / (n as f32).sqrt());
    for _ in 0..60 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]);
                let d = (dx * dx + dy * dy).sqrt();
                if d >= gap {
                    continue;
                }
                // Coincident nodes part along a fixed diagonal.
                let (ux, uy) = if d > 1e-6 {
                    (dx / d, dy / d)
                } else {
                    (0.6, 0.8)
                };
                let push = (gap - d) / 2.0;
                for (k, sign) in [(i, -1.0), (j, 1.0)] {
                    pos[k][0] = (pos[k][0] + sign * ux * push).clamp(0.0, 1.0);
                    pos[k][1] = (pos[k][1] + sign * uy * push).clamp(0.0, 1.0);
                }
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    pos
}

/// Scales and shifts positions into the unit square, keeping the aspect.
fn normalise(mut pos: Vec<[f32; 2]>) -> Vec<[f32; 2]> {
    let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
    for p in &pos {
        for a in 0..2 {
            lo[a] = lo[a].min(p[a]);
            hi[a] = hi[a].max(p[a]);
        }
    }
    let span = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    for p in &mut pos {
        for a in 0..2 {
            let offset = (span - (hi[a] - lo[a])) / 2.0;
            p[a] = if span > 0.0 {
                (p[a] - lo[a] + offset) / span
            } else {
                0.5
            };
        }
    }
    pos
}
