/** Lambda handlers, one thin class per function: parse, call one application service, map the result. */
package dev.jetway.functions;
