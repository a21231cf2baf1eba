package io.batchkit.mr.catalog;

/** The catalog could not be reached or refused a call: the data is not at stake, only its table. */
public final class CatalogException extends Exception {
  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
