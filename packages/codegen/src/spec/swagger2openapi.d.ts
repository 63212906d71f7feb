// swagger2openapi ships no types; this is the part of its API codegen calls.
declare module "swagger2openapi" {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
  }
  const swagger2openapi: {
    convertObj(swagger: object, options: ConvertOptions): Promise<{ openapi: unknown }>;
  };
  export default swagger2openapi;
}
