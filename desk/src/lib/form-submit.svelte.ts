import { reportError } from './errors.ts';
import { formErrorsOf, type FieldErrors } from './form-errors.ts';

/** What one submit of a form does, in the order it happens. */
export interface SubmitSteps {
  /**
   * What the form can tell before asking the server (a choice not made, a reason left blank), so
   * the user gets a message in their words at once. Anything in the answer stops the submit.
   */
  check?: () => FieldErrors;
  /** The request and what follows its answer. A throw is the server refusing, or something worse. */
  send: () => Promise<unknown>;
}

/**
 * The messages and the busy flag behind one form. A form must refuse a second click while its
 * request is out, put its own checks and the server's issues beside the same fields, and leave
 * every other failure to the error funnel; doing it in one place keeps the forms alike.
 */
export class FormSubmit {
  /** Field path → message, keyed like `formErrorsOf` places them; `''` is the form's own box. */
  errors = $state<FieldErrors>({});
  /** A request is out; the submit button shows it, and a second submit meanwhile is dropped. */
  busy = $state(false);
  readonly #fields: () => readonly string[];
  readonly #adjust: (errors: FieldErrors) => FieldErrors;

  /**
   * @param fields The dotted paths the form shows. A function where they follow what is typed (a
   *   phone row, a meter row), since the paths must be those on screen when the answer comes.
   * @param adjust For a form that shows a server field under another path (one date input for two
   *   fields, a phone row left out of the request) or says some issues in words of its own.
   */
  constructor(fields: readonly string[] | (() => readonly string[]), adjust: (errors: FieldErrors) => FieldErrors = (errors) => errors) {
    this.#fields = typeof fields === 'function' ? fields : () => fields;
    this.#adjust = adjust;
  }

  /**
   * The form's submit handler. The form is never posted by the browser: the desk sends JSON itself.
   * Earlier messages go as soon as the user tries again, so none outlives what it was about.
   */
  async submit(event: SubmitEvent, { check, send }: SubmitSteps): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const found = check?.() ?? {};
    this.errors = found;
    if (Object.keys(found).length > 0) return;
    this.busy = true;
    try {
      await send();
    } catch (err) {
      const placed = formErrorsOf(err, this.#fields());
      if (placed) this.errors = this.#adjust(placed);
      else reportError(err);
    } finally {
      this.busy = false;
    }
  }
}
