/** Groups of nodes that reach each other, dependencies first (Tarjan's algorithm, iterative). */
export function stronglyConnected<T>(nodes: readonly T[], edges: (node: T) => Iterable<T>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const groups: T[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: T; children: Iterator<T> }> = [];
    const visit = (node: T) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: edges(node)[Symbol.iterator]() });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: T; children: Iterator<T> };
      const next = frame.children.next();
      if (!next.done) {
        const child = next.value;
        if (!index.has(child)) visit(child);
        else if (onStack.has(child))
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(child) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: T[] = [];
        let member: T | undefined;
        do {
          member = stack.pop() as T;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group);
      }
    }
  }
  return groups;
}
