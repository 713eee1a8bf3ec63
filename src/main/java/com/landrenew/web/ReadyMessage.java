package com.landrenew.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The last line of the start-up log tells a person what to do next: the address to open, and where the
 * demo users' passwords are when there are any (a first start with the sample writes them).
 */
@Component
class ReadyMessage {

    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    private final Environment environment;
    private final Path demoUsersFile;

    ReadyMessage(Environment environment,
            @Value("${landrenew.demo-users.file:.landrenew/demo-users.txt}") Path demoUsersFile) {
        this.environment = environment;
        this.demoUsersFile = demoUsersFile;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String path = environment.getProperty("server.servlet.context-path", "");
        String users = Files.isRegularFile(demoUsersFile)
                ? "；演示用户的密码在 " + demoUsersFile.toAbsolutePath() + " (demo users' passwords are in that file)"
                : "";
        log.info("LandRenew 已就绪 is ready: 打开 open http://localhost:{}{}/{}", port, path, users);
    }
}
