/** The database cannot be opened or used; the message is one line naming the file and what to do. */
export class StoreError extends Error {
  override name = 'StoreError';
}
