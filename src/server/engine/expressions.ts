import { compile, ParseError, type CompiledExpression } from '../../expression/index.js';
import { invalidParameter } from './errors.js';

/** Bound on cached expressions (list filters may send arbitrary ones). */
const MAX_CACHED = 10_000;

/**
 * Compiles each distinct expression once. Syntax errors become a 400 naming the
 * parameter and the position, e.g. `Invalid TargetWorkers: Expected a value after
 * "==" at line 1, column 12, found end of input`.
 */
export class ExpressionCache {
  private readonly compiled = new Map<string, CompiledExpression>();

  /**
   * @param param PascalCase parameter name for errors (`TargetWorkers`, `Configuration`…).
   * @param where optional location inside the parameter, e.g. `task_routing.filters[0].expression`.
   */
  get(source: string, param: string, where?: string): CompiledExpression {
    let expression = this.compiled.get(source);
    if (expression) return expression;
    try {
      expression = compile(source);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const at = where ? ` ${where}:` : '';
      throw invalidParameter(param, `Invalid ${param}:${at} ${error.message}`);
    }
    if (this.compiled.size >= MAX_CACHED) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(source, expression);
    return expression;
  }
}
