/**
 * Makes a long-lived state object outside any component: its `$derived` fields then belong to an
 * effect root of their own. Made inside the first component that asks for it, they would belong
 * to that component and stop following their sources once it is destroyed (a trip to another
 * mode unmounts the transcript).
 */
export function lasting<T>(make: () => T): T {
  let made: { value: T } | undefined;
  $effect.root(() => {
    made = { value: make() };
  });
  return made!.value;
}
