import { describe, expectTypeOf, it } from "vitest";
import type { ConfirmationResult } from "./confirmation.js";
import type { GuardRejection, GuardResult } from "./evaluate.js";
import type {
  AcknowledgedCountGuard,
  AllowValuesGuard,
  ConfirmGuard,
  Guard,
  GuardInput,
  GuardType,
  RejectFieldsGuard,
  RequireStateGuard,
} from "./guard.js";
import type { RateLimitGuard } from "./rate-limit-guard.js";

describe("Guard", () => {
  it("is a union discriminated by type", () => {
    expectTypeOf<GuardType>().toEqualTypeOf<
      "acknowledged_count" | "require_state" | "allow_values" | "reject_fields" | "confirm" | "rate_limit"
    >();
    expectTypeOf<Guard>().toEqualTypeOf<
      | AcknowledgedCountGuard
      | RequireStateGuard
      | AllowValuesGuard
      | RejectFieldsGuard
      | ConfirmGuard
      | RateLimitGuard
    >();
  });

  it("narrows on type", () => {
    const check = (guard: Guard) => {
      if (guard.type === "acknowledged_count") {
        expectTypeOf(guard).toEqualTypeOf<AcknowledgedCountGuard>();
        expectTypeOf(guard.argument).toBeString();
        expectTypeOf(guard.max).toEqualTypeOf<number | undefined>();
        expectTypeOf(guard.noun).toBeString();
        expectTypeOf(guard.count.params).toEqualTypeOf<Record<string, string | number | boolean>>();
      } else if (guard.type === "reject_fields") {
        expectTypeOf(guard.fields).toEqualTypeOf<string[]>();
        expectTypeOf(guard.message).toBeString();
      } else if (guard.type === "confirm") {
        expectTypeOf(guard.ttl_seconds).toBeNumber();
        // @ts-expect-error a confirm guard has no field
        guard.field;
      }
    };
    expectTypeOf(check).toBeFunction();
  });

  it("applies defaults in the output type only", () => {
    expectTypeOf<Extract<GuardInput, { type: "confirm" }>["ttl_seconds"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<ConfirmGuard["ttl_seconds"]>().toEqualTypeOf<number>();
  });
});

describe("GuardResult", () => {
  it("narrows on ok", () => {
    const read = (result: GuardResult) => {
      if (result.ok) {
        // @ts-expect-error a passing result has no rejection
        result.rejection;
        return null;
      }
      expectTypeOf(result.rejection).toEqualTypeOf<GuardRejection>();
      expectTypeOf(result.rejection.guard).toEqualTypeOf<GuardType>();
      return result.rejection.reason;
    };
    expectTypeOf(read).returns.toEqualTypeOf<GuardRejection["reason"] | null>();
  });
});

describe("ConfirmationResult", () => {
  it("narrows on ok", () => {
    const read = (result: ConfirmationResult) => {
      if (result.ok) {
        expectTypeOf(result.args).toEqualTypeOf<Record<string, unknown>>();
        expectTypeOf(result.payload.expiresAt).toBeNumber();
        return;
      }
      expectTypeOf(result.reason).toEqualTypeOf<
        | "malformed"
        | "bad_signature"
        | "expired"
        | "wrong_caller"
        | "wrong_tool"
        | "arguments_changed"
        | "replayed"
      >();
      expectTypeOf(result.message).toBeString();
    };
    expectTypeOf(read).toBeFunction();
  });
});
