/**
 * When the exhibition tour runs: it starts on its own, a visitor's touch or key hands the view
 * over to them, and after `idleMs` without input the tour takes it back.
 */
export class ExhibitionIdle {
  private lastInput: number;
  private touring = false;

  constructor(
    private readonly idleMs: number,
    now: number,
  ) {
    // As if the last visitor left long ago: the tour starts at once.
    this.lastInput = now - idleMs;
  }

  /** A visitor's input: the tour stops if it ran. */
  input(now: number): 'stop-tour' | 'none' {
    this.lastInput = now;
    if (!this.touring) return 'none';
    this.touring = false;
    return 'stop-tour';
  }

  /** Called every second or so: the tour (re)starts once nobody has touched anything for `idleMs`. */
  tick(now: number): 'start-tour' | 'none' {
    if (this.touring || now - this.lastInput < this.idleMs) return 'none';
    this.touring = true;
    return 'start-tour';
  }
}
