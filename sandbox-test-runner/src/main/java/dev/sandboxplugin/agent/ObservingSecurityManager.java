package dev.sandboxplugin.agent;

import java.security.Permission;

/**
 * The {@link Observer} fed by the JVM's own Security Manager checks (JDK 17 to 23). It allows everything: the
 * kernel decides.
 */
final class ObservingSecurityManager extends SecurityManager {

  @Override
  public void checkPermission(Permission permission) {
  }

  @Override
  public void checkPermission(Permission permission, Object context) {
  }

  @Override
  public void checkConnect(String host, int port) {
    Observer.checkConnect(host, port);
  }

  @Override
  public void checkConnect(String host, int port, Object context) {
    Observer.checkConnect(host, port);
  }

  @Override
  public void checkWrite(String file) {
    Observer.checkWrite(file);
  }

  @Override
  public void checkDelete(String file) {
    Observer.checkDelete(file);
  }

  @Override
  public void checkRead(String file) {
    Observer.checkRead(file);
  }

  @Override
  public void checkRead(String file, Object context) {
    Observer.checkRead(file);
  }

  @Override
  public void checkExec(String command) {
    Observer.checkExec(command);
  }

  @Override
  public void checkExit(int status) {
    Observer.checkExit(status);
  }
}
