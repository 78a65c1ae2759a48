/**
 * Is a process of this id running? (A pid whose process we may not signal is running too.)
 *
 * @example
 * alive(process.pid); // true
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
