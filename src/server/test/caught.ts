/** The error the work failed with (to inspect it whole, codes and causes included); throws when it succeeded. */
export async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected the work to fail')
}
