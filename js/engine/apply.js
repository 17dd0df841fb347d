// Applies the engine's clean plan to the live page and keeps what undo needs.
// No WebAssembly and no judging here: the plan says which snapshot ids go.

/**
 * Removes the plan's nodes from the page. `nodes` is the table from
 * takeSnapshot (snapshot id i + 1 -> nodes[i]); `plan` is
 * `{ removed: [{node, kind, reason, text}], counts, budgetHit }`.
 *
 * All or nothing: every id is checked before the page is touched, and if a
 * removal fails half-way the ones already made are put back before the error
 * is rethrown. Returns the report: the plan's fields plus `undo()`, which puts
 * every node back where it was (the page's outerHTML is then what it was).
 */
// DOM clobbering: a <form> with a control named "parentNode", "removeChild",
// "insertBefore" or "nextSibling" shadows that property on the form. The
// page's forms must not be able to derail a removal or an undo, so the
// getters are read through the prototype (looked up on first use: there is
// no DOM in the Node tests), and a method is taken from the prototype unless
// the node's own is a function (a clobbered one is an element, never a
// function; the tests inject failures through an own one).
let dom = null;
function domAccess() {
  if (dom === null) {
    const get = (key) => Object.getOwnPropertyDescriptor(Node.prototype, key).get;
    dom = { parentNode: get("parentNode"), nextSibling: get("nextSibling") };
  }
  return dom;
}
const method = (node, name) => (typeof node[name] === "function" ? node[name] : Node.prototype[name]);

export function applyPlan(nodes, plan) {
  const removed = plan?.removed;
  if (!Array.isArray(removed)) throw new TypeError("newsclean: a plan needs a `removed` array");
  const D = domAccess();
  const targets = new Array(removed.length);
  for (let i = 0; i < removed.length; i++) {
    const id = removed[i]?.node;
    const node = Number.isInteger(id) && id >= 1 ? nodes[id - 1] : undefined;
    if (node === undefined) throw new RangeError(`newsclean: the plan names node ${id}, which the snapshot does not have`);
    if (D.parentNode.call(node) === null) throw new Error(`newsclean: node ${id} is no longer in the page`);
    targets[i] = node;
  }

  // Triples (node, parent, next sibling) in removal order. Removals are in
  // document order, so a recorded next sibling may itself be removed later;
  // putting them back in reverse order restores each anchor before it is used.
  const log = [];
  try {
    for (const node of targets) {
      const parent = D.parentNode.call(node);
      const next = D.nextSibling.call(node);
      method(parent, "removeChild").call(parent, node);
      log.push(node, parent, next);
    }
  } catch (err) {
    restore(log);
    throw err;
  }

  let undone = false;
  return {
    removed,
    counts: plan.counts ?? {},
    budgetHit: plan.budgetHit === true,
    undo() {
      if (undone) return false;
      undone = true;
      restore(log);
      return true;
    },
  };
}

function restore(log) {
  const D = domAccess();
  for (let i = log.length - 3; i >= 0; i -= 3) {
    const node = log[i];
    const parent = log[i + 1];
    const next = log[i + 2];
    // If the page moved the anchor meanwhile, keep the node in its parent
    // rather than fail: the rest of the undo still runs.
    method(parent, "insertBefore").call(parent, node, next !== null && D.parentNode.call(next) === parent ? next : null);
  }
}
