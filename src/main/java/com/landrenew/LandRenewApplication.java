package com.landrenew;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LandRenewApplication {

    public static void main(String[] args) {
        SpringApplication.run(LandRenewApplication.class, args);
    }
}
