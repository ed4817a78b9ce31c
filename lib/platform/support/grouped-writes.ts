// Writes grouped while one is under way: items that arrive while a group is being written go to the database together
// in the next one (up to `maxGroup`), so a burst costs a handful of round trips and commits instead of one each. Alone,
// an item is written at once. `writeGroup` settles each item itself (each carries its own resolve and reject).

/** Lets the requests already on the socket reach the queue (SQLite's driver is synchronous: without this, a burst
 * would be written one item at a time). */
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/** Answers `add(item)`: queues the item and starts writing if nothing is being written. */
export const groupedWrites = <T>(writeGroup: (group: T[]) => Promise<void>, maxGroup: number) => {
  let queue: T[] = [];
  let isWriting = false;
  const drain = async () => {
    isWriting = true;
    try {
      while (queue.length > 0) {
        await yieldToEventLoop();
        const group = queue.slice(0, maxGroup);
        queue = queue.slice(maxGroup);
        await writeGroup(group);
      }
    } finally {
      isWriting = false;
    }
  };
  return (item: T) => {
    queue.push(item);
    if (!isWriting) void drain();
  };
};
